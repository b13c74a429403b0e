//! Any bytes through the account-ID parser: no panic, and what parses is
//! exactly 12 ASCII digits and displays as its input.
#![no_main]

use iam_ecs::AccountId;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    match AccountId::parse(text) {
        Ok(id) => {
            assert_eq!(id.as_str(), text);
            assert!(text.len() == 12 && text.bytes().all(|b| b.is_ascii_digit()));
        }
        Err(e) => assert!(e.to_string().contains("account ID")),
    }
});
