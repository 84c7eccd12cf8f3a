//! A tiny netlink message builder for hand-made vectors, in host byte order
//! as the kernel writes: `B::genl(cmd, version).u32(1, 7).nest(2, inner)`.

/// Bytes under construction: a body, then attributes appended to it.
#[derive(Default, Clone)]
pub struct B(pub Vec<u8>);

impl B {
    pub fn new() -> B {
        B::default()
    }
    /// A generic netlink body: `struct genlmsghdr` {cmd, version, 0}.
    pub fn genl(cmd: u8, version: u8) -> B {
        B(vec![cmd, version, 0, 0])
    }
    pub fn raw(mut self, b: &[u8]) -> B {
        self.0.extend_from_slice(b);
        self
    }
    /// nlattr: u16 len (header + payload), u16 type, payload, pad to 4.
    pub fn attr(mut self, ty: u16, payload: &[u8]) -> B {
        let len = 4 + payload.len() as u16;
        self.0.extend_from_slice(&len.to_ne_bytes());
        self.0.extend_from_slice(&ty.to_ne_bytes());
        self.0.extend_from_slice(payload);
        while self.0.len() % 4 != 0 {
            self.0.push(0);
        }
        self
    }
    pub fn u8(self, ty: u16, v: u8) -> B {
        self.attr(ty, &[v])
    }
    pub fn u16(self, ty: u16, v: u16) -> B {
        self.attr(ty, &v.to_ne_bytes())
    }
    pub fn u32(self, ty: u16, v: u32) -> B {
        self.attr(ty, &v.to_ne_bytes())
    }
    pub fn s32(self, ty: u16, v: i32) -> B {
        self.attr(ty, &v.to_ne_bytes())
    }
    pub fn u64(self, ty: u16, v: u64) -> B {
        self.attr(ty, &v.to_ne_bytes())
    }
    pub fn s64(self, ty: u16, v: i64) -> B {
        self.attr(ty, &v.to_ne_bytes())
    }
    /// A NUL-terminated string attribute.
    pub fn str(self, ty: u16, s: &str) -> B {
        let mut b = s.as_bytes().to_vec();
        b.push(0);
        self.attr(ty, &b)
    }
    /// A nested attribute (NLA_F_NESTED set).
    pub fn nest(self, ty: u16, inner: B) -> B {
        self.attr(ty | 0x8000, &inner.0)
    }
    /// Wraps the body in an nlmsghdr of type `msg_type`.
    pub fn msg(self, msg_type: u16, flags: u16, seq: u32, pid: u32) -> Vec<u8> {
        let len = 16 + self.0.len() as u32;
        let mut m = Vec::new();
        m.extend_from_slice(&len.to_ne_bytes());
        m.extend_from_slice(&msg_type.to_ne_bytes());
        m.extend_from_slice(&flags.to_ne_bytes());
        m.extend_from_slice(&seq.to_ne_bytes());
        m.extend_from_slice(&pid.to_ne_bytes());
        m.extend_from_slice(&self.0);
        m
    }
}
