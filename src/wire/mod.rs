//! Zero-copy, checked views of fixed on-wire layouts.
//!
//! One file per header. A view is built with `new_checked`, which verifies the
//! buffer is long enough; after that no accessor can panic. Byte order is always
//! explicit: captured data is never read in the host's order.

pub mod cooked;
pub mod nlmsg;
