//! Any text through every ARN parser: no panic; what parses displays as its
//! input and parses again to the same value; a concrete ARN is also a valid
//! pattern.
#![no_main]

use iam_ecs::{AccountRootArn, Arn, ArnPattern, AssumedRoleArn, RoleArn, ServicePrincipal};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(arn) = Arn::parse(text) {
        assert_eq!(arn.to_string(), text);
        assert_eq!(Arn::parse(&arn.to_string()).as_ref(), Ok(&arn));
        assert!(
            ArnPattern::parse(text).is_ok(),
            "concrete ARN rejected as a pattern: {text}"
        );
    }
    if let Ok(p) = ArnPattern::parse(text) {
        assert_eq!(p.to_string(), text);
    }
    if let Ok(role) = RoleArn::parse(text) {
        assert_eq!(role.to_string(), text);
        let again = RoleArn::new(
            role.partition(),
            role.account().clone(),
            role.path().clone(),
            role.name().clone(),
        );
        assert_eq!(again, role);
    }
    if let Ok(root) = AccountRootArn::parse(text) {
        assert_eq!(root.to_string(), text);
    }
    if let Ok(a) = AssumedRoleArn::parse(text) {
        assert_eq!(a.to_string(), text);
    }
    if let Ok(s) = ServicePrincipal::parse(text) {
        assert_eq!(s.to_string(), text);
    }
});
