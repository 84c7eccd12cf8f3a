//! What a capture teaches as it goes: byte order, generic netlink family
//! ids, and open requests waiting for their replies.

use super::flags::{NLM_F_ACK, NLM_F_DUMP, NLM_F_MULTI, NLM_F_REQUEST};
use super::{control, Dissection, Message, MsgCx, Replies, ReplyTo};
use crate::frame::{ByteOrder, Direction, Timestamp};
use crate::spec::{FamilySpec, SpecDb};
use crate::wire::nlmsg::{align4, NlMsgHdr, NLMSG_HDRLEN};
use std::collections::HashMap;
use std::sync::Arc;

/// The generic netlink family id of nlctrl (`GENL_ID_CTRL`).
pub const GENL_ID_CTRL: u16 = 0x10;

/// A generic netlink family whose id is known.
#[derive(Debug, Clone)]
pub struct GenlFamily {
    pub name: Arc<str>,
    pub spec: Option<&'static FamilySpec>,
    /// Size of the family's own header after genlmsghdr (CTRL_ATTR_HDRSIZE).
    pub hdrsize: u32,
}

/// A request still waiting for (more) replies.
#[derive(Debug, Clone)]
pub(crate) struct Pending {
    pub pid: u32,
    pub frame: u64,
    pub msg: u32,
    pub ts: Option<Timestamp>,
    pub replies: u32,
    pub dump: bool,
    pub ack: bool,
    /// The request message as sent, to name what an extended ACK points at.
    pub bytes: Vec<u8>,
    pub order: ByteOrder,
    serial: u64,
}

/// Requests remembered at most; older ones are forgotten (memory stays flat).
const MAX_PENDING: usize = 4096;

/// Learned state, carried from frame to frame.
#[derive(Debug)]
pub struct Context {
    genl: HashMap<u16, GenlFamily>,
    pending: HashMap<(Option<u16>, u32), Vec<Pending>>,
    pending_count: usize,
    serial: u64,
    order: Option<ByteOrder>,
}

impl Default for Context {
    fn default() -> Self {
        Self::new()
    }
}

impl Context {
    pub fn new() -> Context {
        let mut genl = HashMap::new();
        genl.insert(
            GENL_ID_CTRL,
            GenlFamily {
                name: Arc::from("nlctrl"),
                spec: None,
                hdrsize: 0,
            },
        );
        Context {
            genl,
            pending: HashMap::new(),
            pending_count: 0,
            serial: 0,
            order: None,
        }
    }

    /// The generic netlink family with this id, if learned.
    pub fn genl_family(&self, id: u16) -> Option<&GenlFamily> {
        self.genl.get(&id)
    }

    /// Records that generic netlink family `name` has id `id`.
    pub fn learn_genl(&mut self, id: u16, name: &str, hdrsize: u32, specs: &'static SpecDb) {
        let spec = specs.genl(name);
        match self.genl.get_mut(&id) {
            Some(f) if &*f.name == name => {
                f.spec = spec;
                f.hdrsize = hdrsize;
            }
            _ => {
                self.genl.insert(
                    id,
                    GenlFamily {
                        name: Arc::from(name),
                        spec,
                        hdrsize,
                    },
                );
            }
        }
    }

    /// All learned families, sorted by id (for summaries).
    pub fn genl_families(&self) -> Vec<(u16, Arc<str>)> {
        let mut v: Vec<_> = self
            .genl
            .iter()
            .map(|(k, f)| (*k, f.name.clone()))
            .collect();
        v.sort();
        v
    }

    /// Byte order of a payload: the order in which its nlmsg_len chain adds
    /// up to the payload's length. Remembered for frames that cannot tell.
    pub fn detect_order(&mut self, payload: &[u8]) -> ByteOrder {
        let le = chain_fits(payload, ByteOrder::Little);
        let be = chain_fits(payload, ByteOrder::Big);
        match (le, be) {
            (true, false) => {
                self.order = Some(ByteOrder::Little);
                ByteOrder::Little
            }
            (false, true) => {
                self.order = Some(ByteOrder::Big);
                ByteOrder::Big
            }
            _ => self.order.unwrap_or_default(),
        }
    }

    /// Direction of a message when the source did not say: the kernel never
    /// sets NLM_F_REQUEST, user space does on everything it asks.
    pub(crate) fn infer_direction(&self, cx: &MsgCx, hdr: &NlMsgHdr) -> Direction {
        if cx.frame.direction != Direction::Unknown {
            return cx.frame.direction;
        }
        if matches!(
            hdr.msg_type,
            control::NLMSG_ERROR | control::NLMSG_DONE | control::NLMSG_OVERRUN
        ) {
            return Direction::FromKernel;
        }
        if hdr.flags & NLM_F_REQUEST != 0 {
            return Direction::ToKernel;
        }
        Direction::FromKernel
    }

    /// The open request a reply with this seq and port id answers.
    pub(crate) fn find_request(
        &self,
        protocol: Option<u16>,
        seq: u32,
        pid: u32,
    ) -> Option<&Pending> {
        self.pending
            .get(&(protocol, seq))?
            .iter()
            .rev()
            .find(|p| p.pid == 0 || p.pid == pid)
    }

    /// Links requests and replies; called once per message after decoding.
    pub(crate) fn correlate(
        &mut self,
        cx: &MsgCx,
        m: &mut Message,
        bytes: &[u8],
        _specs: &'static SpecDb,
        _out: &Dissection,
    ) {
        let key = (cx.protocol, m.hdr.seq);
        if m.direction == Direction::ToKernel && m.hdr.flags & NLM_F_REQUEST != 0 {
            self.serial += 1;
            let p = Pending {
                pid: m.hdr.pid,
                frame: cx.frame.number,
                msg: m.index,
                ts: cx.frame.ts,
                replies: 0,
                dump: m.hdr.flags & NLM_F_DUMP == NLM_F_DUMP,
                ack: m.hdr.flags & NLM_F_ACK != 0,
                bytes: bytes.to_vec(),
                order: cx.order,
                serial: self.serial,
            };
            let list = self.pending.entry(key).or_default();
            // A new request with the same seq and port replaces the old one.
            list.retain(|q| q.pid != p.pid);
            list.push(p);
            self.pending_count += 1;
            if self.pending_count > MAX_PENDING {
                self.forget_oldest();
            }
            return;
        }
        if m.direction != Direction::FromKernel {
            return;
        }
        let Some(list) = self.pending.get_mut(&key) else {
            return;
        };
        let Some(pos) = list.iter().rposition(|p| p.pid == 0 || p.pid == m.hdr.pid) else {
            return;
        };
        let p = &mut list[pos];
        let elapsed = match (cx.frame.ts, p.ts) {
            (Some(now), Some(then)) => Some(now.micros_since(then)),
            _ => None,
        };
        m.reply_to = Some(ReplyTo {
            frame: p.frame,
            msg: p.msg,
            elapsed_us: elapsed,
        });
        let terminal = matches!(m.hdr.msg_type, control::NLMSG_ERROR | control::NLMSG_DONE);
        if !terminal {
            p.replies += 1;
        }
        let single = !terminal && m.hdr.flags & NLM_F_MULTI == 0 && !p.dump && !p.ack;
        if terminal || single {
            m.replies = Some(Replies {
                request_frame: p.frame,
                request_msg: p.msg,
                count: p.replies,
                elapsed_us: elapsed,
            });
            list.remove(pos);
            self.pending_count = self.pending_count.saturating_sub(1);
            if list.is_empty() {
                self.pending.remove(&key);
            }
        }
    }

    fn forget_oldest(&mut self) {
        let cut = self.serial.saturating_sub((MAX_PENDING / 2) as u64);
        for list in self.pending.values_mut() {
            list.retain(|p| p.serial > cut);
        }
        self.pending.retain(|_, l| !l.is_empty());
        self.pending_count = self.pending.values().map(Vec::len).sum();
    }
}

/// True when reading nlmsg_len in `order` walks the payload to its end.
fn chain_fits(payload: &[u8], order: ByteOrder) -> bool {
    let mut off = 0usize;
    let mut n = 0;
    while off < payload.len() {
        let Some(h) = NlMsgHdr::read(&payload[off..], order) else {
            return false;
        };
        let len = h.len as usize;
        if len < NLMSG_HDRLEN || len > payload.len() - off {
            return false;
        }
        off += align4(len);
        n += 1;
    }
    n > 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn byte_order_from_length_chain() {
        let mut c = Context::new();
        let mut le = vec![0u8; 20];
        le[0] = 20;
        le[4] = 3;
        assert_eq!(c.detect_order(&le), ByteOrder::Little);
        let mut be = vec![0u8; 20];
        be[3] = 20;
        be[5] = 3;
        assert_eq!(c.detect_order(&be), ByteOrder::Big);
        // undecidable: remembered order
        assert_eq!(c.detect_order(&[0u8; 3]), ByteOrder::Big);
    }
}
