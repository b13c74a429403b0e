//! Networking: the task's `networkMode`, and what it allows a container:
//! `portMappings` (ports in range, host ports that match under `awsvpc`
//! and `host`, each host port once), `links`, `hostname`, `extraHosts`.

use std::collections::{HashMap, HashSet};

use super::container::display_name;
use super::{members, simple_check, Check, Cx};
use crate::check::{has, Loc};
use crate::code::Code;
use crate::ecs::{ContainerDefinition, NetworkMode, PortMapping, TransportProtocol};
use crate::json::record::Record;

/// The task's `networkMode`: a known value, `awsvpc` on Fargate.
pub(super) fn network_mode(cx: &mut Cx, mode: &Option<NetworkMode>, at: &Loc) {
    let Some(mode) = mode else {
        return;
    };
    mode.check(cx, at);
    if cx.task.fargate && *mode != NetworkMode::Awsvpc {
        cx.report(
            Code::FargateNetworkMode,
            at,
            format!("networkMode is {:?} but the task requires FARGATE: expected \"awsvpc\" (Fargate only supports network mode \"awsvpc\")", mode.as_str()),
        );
    }
}

/// The host port a mapping takes, if any: `hostPort`, or `containerPort`
/// under `awsvpc` / `host`; `0` and absent mean dynamic under `bridge`.
fn host_port(m: &PortMapping, mode: Option<&NetworkMode>) -> Option<i64> {
    let static_mode = matches!(mode, Some(NetworkMode::Awsvpc | NetworkMode::Host));
    match m.host_port {
        Some(p) if p != 0 => Some(p),
        _ if static_mode => m.container_port,
        _ => None,
    }
}

/// (container, mapping) -> (host port, protocol) for the port mappings of
/// `containers` whose host port an earlier mapping already took.
pub(super) fn duplicate_host_ports(
    containers: &[ContainerDefinition],
    mode: Option<&NetworkMode>,
) -> HashMap<(usize, usize), (i64, String)> {
    let mut seen: HashSet<(i64, String)> = HashSet::new();
    let mut duplicate_ports = HashMap::new();
    for (ci, c) in containers.iter().enumerate() {
        for (pi, m) in c.port_mappings.iter().flatten().enumerate() {
            let Some(port) = host_port(m, mode) else {
                continue;
            };
            let proto = m
                .protocol
                .as_ref()
                .map_or("tcp", TransportProtocol::as_str)
                .to_owned();
            if seen.contains(&(port, proto.clone())) {
                duplicate_ports.insert((ci, pi), (port, proto));
            } else {
                seen.insert((port, proto));
            }
        }
    }
    duplicate_ports
}

/// `links` of container `c`: only with `bridge`.
pub(super) fn links(cx: &mut Cx, c: &ContainerDefinition, at: &Loc) {
    let Some(links) = &c.links else { return };
    if !links.is_empty() {
        if let Some(m) = cx.task.network_mode.filter(|m| **m != NetworkMode::Bridge) {
            cx.report(
                Code::NetworkModeLinks,
                at,
                format!("container has links but networkMode is {:?}: links are only supported with \"bridge\"", m.as_str()),
            );
        }
    }
}

/// `hostname` of container `c`: not with `awsvpc`.
pub(super) fn hostname(cx: &mut Cx, c: &ContainerDefinition, at: &Loc) {
    if c.hostname.is_some() && cx.task.network_mode == Some(&NetworkMode::Awsvpc) {
        cx.report(
            Code::NetworkModeHostname,
            at,
            "container sets hostname but networkMode is \"awsvpc\": expected no hostname (hostname is not supported on container when networkMode=awsvpc)",
        );
    }
}

/// `extraHosts` of container `c`: not with `awsvpc`.
pub(super) fn extra_hosts(cx: &mut Cx, c: &ContainerDefinition, at: &Loc) {
    let Some(hosts) = &c.extra_hosts else {
        return;
    };
    if !hosts.is_empty() && cx.task.network_mode == Some(&NetworkMode::Awsvpc) {
        cx.report(
            Code::NetworkModeExtraHosts,
            at,
            "container sets extraHosts but networkMode is \"awsvpc\": expected no extraHosts (not supported with awsvpc)",
        );
    }
    hosts.check(cx, at);
}

/// `portMappings` of container `c` (the task's container `index`): none
/// with network mode `none`, and each mapping checked.
pub(super) fn port_mappings(cx: &mut Cx, c: &ContainerDefinition, index: usize, at: &Loc) {
    let Some(mappings) = &c.port_mappings else {
        return;
    };
    if cx.task.network_mode == Some(&NetworkMode::None) && !mappings.is_empty() {
        cx.report(
            Code::NetworkModePortMappings,
            at,
            format!("container has {} port mapping(s) but networkMode is \"none\": expected no port mappings", mappings.len()),
        );
    }
    for (i, m) in mappings.iter().enumerate() {
        port_mapping(cx, c, index, i, m, &at.index(i));
    }
}

/// Mapping `pi` of container `c` (the task's container `ci`), at `loc`.
fn port_mapping(
    cx: &mut Cx,
    c: &ContainerDefinition,
    ci: usize,
    pi: usize,
    m: &PortMapping,
    loc: &Loc,
) {
    type P = <PortMapping as Record>::Member;
    if !has(m, P::container_port) && !has(m, P::container_port_range) {
        cx.report(
            Code::InvalidContainerPort,
            loc,
            format!("port mapping of container {} has no containerPort: expected a containerPort from 1 to 65535 (or a containerPortRange)", display_name(c)),
        );
    }
    let mode = cx.task.network_mode;
    let static_mode = matches!(mode, Some(NetworkMode::Awsvpc | NetworkMode::Host));
    let duplicate = cx
        .task
        .duplicate_ports
        .get(&(ci, pi))
        .map(|(port, proto)| (*port, proto.to_uppercase()));
    let mut duplicate_reported = false;
    let sets_host_port = m.host_port.is_some_and(|p| p != 0);
    members(cx, m, loc, "port mapping", |cx, member, at| {
        match member {
            P::container_port => {
                if let Some(port) = m.container_port {
                    if !(1..=65535).contains(&port) {
                        cx.report(
                            Code::InvalidContainerPort,
                            at,
                            format!("containerPort is {port}: expected 1 to 65535"),
                        );
                    }
                }
            }
            P::host_port => {
                if let Some(port) = m.host_port {
                    if !(0..=65535).contains(&port) {
                        cx.report(
                            Code::InvalidHostPort,
                            at,
                            format!("hostPort is {port}: expected 0 to 65535"),
                        );
                    }
                    if static_mode {
                        if let Some(cport) = m.container_port.filter(|c| *c != port) {
                            let mode_name = mode.map_or("", NetworkMode::as_str);
                            cx.report(
                                Code::HostPortMismatch,
                                at,
                                format!("hostPort {port} differs from containerPort {cport}: with networkMode {mode_name:?} the host port must be omitted or equal to the container port"),
                            );
                        }
                    }
                }
            }
            P::protocol => m.protocol.check(cx, at),
            P::app_protocol => m.app_protocol.check(cx, at),
            P::name | P::container_port_range => {}
        }
        // The duplicate is reported at the member that sets the port.
        if let Some((port, proto)) = &duplicate {
            let sets_port = match member {
                P::host_port => sets_host_port,
                P::container_port => !sets_host_port,
                _ => false,
            };
            if sets_port && !duplicate_reported {
                duplicate_reported = true;
                cx.report(
                    Code::DuplicateHostPort,
                    at,
                    format!("{proto} host port {port} is mapped multiple times in the task: expected each host port once"),
                );
            }
        }
    });
}

simple_check!(
    crate::ecs::HostEntry,
    "host entry",
    required: [hostname, ip_address],
    nested: []
);
