//! The 16-byte cooked header of LINKTYPE_NETLINK captures (and SLL/SLL2).
