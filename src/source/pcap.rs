//! pcap and pcapng capture files.
