//! Volumes: the task's `volumes` (valid, unique names; no host
//! `sourcePath` on Fargate; their Docker, EFS, S3 Files and FSx
//! configurations), and what mounts them in a container: `mountPoints`
//! (a volume of the task) and `volumesFrom` (a container of the task).

use std::collections::HashSet;

use super::{members, name_problem, quoted_list, simple_check, unknown_container, Check, Cx};
use crate::check::Loc;
use crate::code::Code;
use crate::ecs::{ContainerDefinition, HostVolumeProperties, MountPoint, Volume, VolumeFrom};
use crate::json::record::Record;

/// The member enum of [`Volume`].
type V = <Volume as Record>::Member;

/// The task's `volumes`: each checked, and each name once.
pub(super) fn volumes(cx: &mut Cx, volumes: &Option<Vec<Volume>>, at: &Loc) {
    let Some(volumes) = volumes else { return };
    let mut names = HashSet::new();
    for (i, v) in volumes.iter().enumerate() {
        let vat = at.index(i);
        v.check(cx, &vat);
        if let Some(name) = &v.name {
            if !names.insert(name.as_str()) {
                cx.report(
                    Code::DuplicateVolumeName,
                    &vat.key(super::key::<Volume>(V::name)),
                    format!("volume name {name:?} is used by an earlier volume: expected unique volume names"),
                );
            }
        }
    }
}

/// A volume: a valid name, no host `sourcePath` on Fargate, and its
/// configurations.
impl Check for Volume {
    fn check(&self, cx: &mut Cx, loc: &Loc) {
        members(cx, self, loc, "volume", |cx, m, at| match m {
            V::name => {
                if let Some(name) = &self.name {
                    if let Some(reason) = name_problem(name) {
                        cx.report(
                            Code::InvalidVolumeName,
                            at,
                            format!("volume name {name:?} {reason}"),
                        );
                    }
                }
            }
            V::host => {
                if let Some(host) = &self.host {
                    host.check(cx, at);
                    if cx.task.fargate {
                        if let Some(path) = &host.source_path {
                            type H = <HostVolumeProperties as Record>::Member;
                            cx.report(
                                Code::FargateHostVolume,
                                &at.key(super::key::<HostVolumeProperties>(H::source_path)),
                                format!("host volume has sourcePath {path:?} but the task requires FARGATE: expected no sourcePath (host.sourcePath should not be set for volumes in Fargate)"),
                            );
                        }
                    }
                }
            }
            V::docker_volume_configuration => self.docker_volume_configuration.check(cx, at),
            V::efs_volume_configuration => self.efs_volume_configuration.check(cx, at),
            V::s3files_volume_configuration => self.s3files_volume_configuration.check(cx, at),
            V::fsx_windows_file_server_volume_configuration => self
                .fsx_windows_file_server_volume_configuration
                .check(cx, at),
            V::configured_at_launch => {}
        });
    }
}

/// `mountPoints` of container `c`: each names a volume of the task.
pub(super) fn mount_points(cx: &mut Cx, c: &ContainerDefinition, at: &Loc) {
    type P = <MountPoint as Record>::Member;
    let Some(mps) = &c.mount_points else {
        return;
    };
    for (i, mp) in mps.iter().enumerate() {
        members(cx, mp, &at.index(i), "mount point", |cx, m, at| {
            if let (P::source_volume, Some(v)) = (m, &mp.source_volume) {
                if !cx.task.volume_set.contains(v.as_str()) {
                    let expected = quoted_list(cx.task.volumes.iter().copied());
                    cx.report(
                        Code::UnknownVolume,
                        at,
                        format!("mount point names volume {v:?}, which is not in the task's volumes: expected one of {expected}"),
                    );
                }
            }
        });
    }
}

/// `volumesFrom` of container `c`: each names a container of the task.
pub(super) fn volumes_from(cx: &mut Cx, c: &ContainerDefinition, at: &Loc) {
    type F = <VolumeFrom as Record>::Member;
    let Some(vfs) = &c.volumes_from else {
        return;
    };
    for (i, vf) in vfs.iter().enumerate() {
        members(cx, vf, &at.index(i), "volumes-from entry", |cx, m, at| {
            if let (F::source_container, Some(name)) = (m, &vf.source_container) {
                unknown_container(cx, name, "volumesFrom", at);
            }
        });
    }
}

simple_check!(
    HostVolumeProperties,
    "host volume",
    required: [],
    nested: []
);
simple_check!(
    crate::ecs::DockerVolumeConfiguration,
    "Docker volume configuration",
    required: [],
    nested: [scope, driver_opts, labels]
);
simple_check!(
    crate::ecs::EfsVolumeConfiguration,
    "EFS volume configuration",
    required: [file_system_id],
    nested: [transit_encryption, authorization_config]
);
simple_check!(
    crate::ecs::S3FilesVolumeConfiguration,
    "S3 Files volume configuration",
    required: [file_system_arn],
    nested: []
);
simple_check!(
    crate::ecs::FsxWindowsFileServerVolumeConfiguration,
    "FSx for Windows File Server volume configuration",
    required: [file_system_id, root_directory, authorization_config],
    nested: [authorization_config]
);
simple_check!(
    crate::ecs::FsxWindowsFileServerAuthorizationConfig,
    "FSx for Windows File Server authorization configuration",
    required: [credentials_parameter, domain],
    nested: []
);
simple_check!(
    crate::ecs::EfsAuthorizationConfig,
    "EFS authorization configuration",
    required: [],
    nested: [iam]
);
