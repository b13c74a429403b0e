//! `IpAddress` and `NotIpAddress`: an IPv4 or IPv6 address against CIDR
//! blocks (reference_policies_elements_condition_operators.md, IP
//! address). A block without a prefix length is one address.

use std::net::IpAddr;

/// An address as a 128-bit number and whether it is IPv6.
fn bits(ip: IpAddr) -> (u128, bool) {
    match ip {
        IpAddr::V4(a) => (u128::from(u32::from(a)), false),
        IpAddr::V6(a) => (u128::from(a), true),
    }
}

/// A CIDR block: network bits, prefix length, family.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Cidr {
    addr: u128,
    prefix: u32,
    v6: bool,
}

impl Cidr {
    /// Reads `a.b.c.d/n`, `x:y::z/n`, or an address alone.
    pub(crate) fn parse(text: &str) -> Option<Cidr> {
        let (addr, prefix) = match text.split_once('/') {
            Some((a, p)) => (a, Some(p)),
            None => (text, None),
        };
        let (addr, v6) = bits(addr.parse::<IpAddr>().ok()?);
        let max = if v6 { 128 } else { 32 };
        let prefix = match prefix {
            None => max,
            Some(p) if !p.is_empty() && p.len() <= 3 && p.bytes().all(|c| c.is_ascii_digit()) => {
                p.parse::<u32>().ok().filter(|&n| n <= max)?
            }
            Some(_) => return None,
        };
        Some(Cidr { addr, prefix, v6 })
    }

    /// Whether `ip` is in the block (an address of the other family is
    /// not).
    pub(crate) fn contains(&self, ip: IpAddr) -> bool {
        let (a, v6) = bits(ip);
        if v6 != self.v6 {
            return false;
        }
        let width = if v6 { 128 } else { 32 };
        let shift = width - self.prefix;
        if shift >= 128 {
            return true;
        }
        (a >> shift) == (self.addr >> shift)
    }
}

/// Reads a request's address.
pub(crate) fn address(text: &str) -> Option<IpAddr> {
    text.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn inside(block: &str, ip: &str) -> bool {
        Cidr::parse(block).unwrap().contains(address(ip).unwrap())
    }

    #[test]
    fn ipv4_and_ipv6_blocks() {
        assert!(inside("203.0.113.0/24", "203.0.113.45"));
        assert!(!inside("203.0.113.0/24", "198.51.100.14"));
        assert!(inside("0.0.0.0/0", "198.51.100.14"));
        assert!(inside("203.0.113.5", "203.0.113.5"));
        assert!(!inside("203.0.113.5", "203.0.113.6"));
        assert!(inside("2001:DB8:1234:5678::/64", "2001:db8:1234:5678::1"));
        assert!(!inside("2001:DB8:1234:5678::/64", "2001:db8:1234:5679::1"));
        assert!(inside("::/0", "::1"));
        assert!(!inside("0.0.0.0/0", "::1"), "families do not mix");
        assert!(!inside("::/0", "10.0.0.1"));
    }

    #[test]
    fn rejects_bad_blocks() {
        for t in [
            "203.0.113.0/33",
            "203.0.113.0/",
            "203.0.113/24",
            "::/129",
            "x/1",
            "1.2.3.4/-1",
            "",
        ] {
            assert_eq!(Cidr::parse(t), None, "{t:?}");
        }
    }
}
