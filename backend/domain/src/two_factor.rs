//! Two-factor sign-in (DESIGN §5, issue 19): time-based one-time codes (TOTP, RFC 6238,
//! computed by the `totp-rs` crate) and single-use recovery codes. Pure rules: the secret's
//! random bytes and the recovery codes' come from the caller (the app layer owns randomness),
//! and "now" is a parameter, so every rule here is tested with fixed clocks.
//!
//! - Codes have 6 digits and a 30-second step; a code from one step before or after the
//!   current one is accepted (clock drift), none further away.
//! - A code is never accepted twice: the caller remembers the last step used per member and
//!   passes it in; a code of that step or an earlier one is refused as a replay.
//! - Recovery codes are ten groups of `xxxxx-xxxxx` (lower-case letters and digits without the
//!   look-alikes 0/o, 1/l/i), about 50 bits each; they are stored hashed and match however the
//!   member types them (case, spaces, the dash).

use thiserror::Error;
use totp_rs::{Algorithm, Secret, TOTP};

/// Digits in a code.
pub const DIGITS: usize = 6;
/// Seconds per step.
pub const STEP_SECS: u64 = 30;
/// Steps of drift accepted on each side of the current one.
pub const SKEW: u8 = 1;
/// Bytes of a new secret (160 bits, as RFC 4226 recommends).
pub const SECRET_BYTES: usize = 20;
/// Recovery codes issued at once.
pub const RECOVERY_CODES: usize = 10;
/// The name authenticator apps show for the account's entry.
pub const ISSUER: &str = "Kindred";

/// The alphabet of recovery codes: no 0/o, 1/l/i.
const RECOVERY_ALPHABET: &[u8] = b"abcdefghjkmnpqrstuvwxyz23456789";

/// Why a code was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Error)]
pub enum CodeError {
    /// Not six digits.
    #[error("Enter the 6-digit code from your authenticator app.")]
    Malformed,
    /// Not the code of the current step, nor of the one before or after.
    #[error("That code is not right, or it has expired. Enter the code your app shows now.")]
    Wrong,
    /// The code of a step already used.
    #[error("That code was already used. Wait for the next one.")]
    Replayed,
}

/// Why a secret cannot be used.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error("the TOTP secret is unusable: {0}")]
pub struct SecretError(String);

fn totp(secret: &[u8], account: &str) -> Result<TOTP, SecretError> {
    TOTP::new(
        Algorithm::SHA1,
        DIGITS,
        SKEW,
        STEP_SECS,
        secret.to_vec(),
        Some(ISSUER.to_string()),
        account.to_string(),
    )
    .map_err(|e| SecretError(e.to_string()))
}

/// The secret as people type it into an app by hand (base32, no padding).
pub fn manual_key(secret: &[u8]) -> String {
    Secret::Raw(secret.to_vec()).to_encoded().to_string()
}

/// The `otpauth://` URI an authenticator app reads from the QR code. `account` is what the
/// app shows under "Kindred" (the handle: never the email address, which the app would keep).
pub fn otpauth_uri(secret: &[u8], account: &str) -> Result<String, SecretError> {
    Ok(totp(secret, account)?.get_url())
}

/// The code of the step that contains `unix_secs` (for tests and the web app's tests).
pub fn code_at(secret: &[u8], unix_secs: u64) -> Result<String, SecretError> {
    Ok(totp(secret, "-")?.generate(unix_secs))
}

/// The step that contains `unix_secs`.
pub fn step_of(unix_secs: u64) -> i64 {
    i64::try_from(unix_secs / STEP_SECS).unwrap_or(i64::MAX)
}

/// Checks `code` at `unix_secs`: the step it belongs to (the current one or one step away),
/// which the caller stores as the last used. `last_used_step` is the step of the member's
/// last accepted code; a code of that step or an earlier one is a replay.
pub fn check_code(
    secret: &[u8],
    code: &str,
    unix_secs: u64,
    last_used_step: Option<i64>,
) -> Result<i64, CodeError> {
    let code: String = code.chars().filter(|c| !c.is_whitespace()).collect();
    if code.len() != DIGITS || !code.bytes().all(|b| b.is_ascii_digit()) {
        return Err(CodeError::Malformed);
    }
    let t = totp(secret, "-").map_err(|_| CodeError::Wrong)?;
    let now = step_of(unix_secs);
    let skew = i64::from(SKEW);
    // Every candidate step is computed and compared in constant time, so the time taken does
    // not say which step matched.
    let mut matched = None;
    for step in now - skew..=now + skew {
        let Ok(at) = u64::try_from(step) else { continue };
        let expected = t.generate(at * STEP_SECS);
        if constant_time_eq(expected.as_bytes(), code.as_bytes()) && matched.is_none() {
            matched = Some(step);
        }
    }
    let step = matched.ok_or(CodeError::Wrong)?;
    if last_used_step.is_some_and(|last| step <= last) {
        return Err(CodeError::Replayed);
    }
    Ok(step)
}

fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// Recovery codes made from `random` (5 bytes per code, at least [`RECOVERY_CODES`] × 10
/// bytes; the app passes bytes from the OS's generator).
pub fn recovery_codes(random: &[u8]) -> Vec<String> {
    random
        .chunks_exact(10)
        .take(RECOVERY_CODES)
        .map(|chunk| {
            let chars: String = chunk
                .iter()
                .map(|b| RECOVERY_ALPHABET[usize::from(*b) % RECOVERY_ALPHABET.len()] as char)
                .collect();
            format!("{}-{}", &chars[..5], &chars[5..])
        })
        .collect()
}

/// A recovery code as typed, in the form it was issued (what is hashed): lower case, the
/// spaces and dashes dropped and the dash put back. `None` when it cannot be one.
pub fn normalize_recovery_code(typed: &str) -> Option<String> {
    let plain: String = typed
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '-')
        .map(|c| c.to_ascii_lowercase())
        .collect();
    if plain.len() != 10 || !plain.bytes().all(|b| RECOVERY_ALPHABET.contains(&b)) {
        return None;
    }
    Some(format!("{}-{}", &plain[..5], &plain[5..]))
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    /// RFC 6238 appendix B's SHA-1 secret ("12345678901234567890").
    const RFC_SECRET: &[u8] = b"12345678901234567890";

    #[test]
    fn codes_match_the_rfc_6238_test_vectors() {
        // Appendix B gives 8 digits; the last 6 are the 6-digit code of the same step.
        for (t, eight) in
            [(59, "94287082"), (1_111_111_109, "07081804"), (1_234_567_890, "89005924")]
        {
            assert_eq!(code_at(RFC_SECRET, t).unwrap(), eight[2..], "t = {t}");
        }
    }

    #[test]
    fn a_code_is_accepted_one_step_either_side_and_never_twice() {
        let now = 1_700_000_000;
        let current = step_of(now);
        for (offset, ok) in [(-60, false), (-30, true), (0, true), (30, true), (60, false)] {
            let code = code_at(RFC_SECRET, (now as i64 + offset) as u64).unwrap();
            let got = check_code(RFC_SECRET, &code, now, None);
            assert_eq!(got.is_ok(), ok, "a code from {offset} s: {got:?}");
        }
        let code = code_at(RFC_SECRET, now).unwrap();
        assert_eq!(check_code(RFC_SECRET, &code, now, None), Ok(current));
        assert_eq!(check_code(RFC_SECRET, &code, now, Some(current)), Err(CodeError::Replayed));
        // After a later step was used, the earlier step's code is a replay too.
        let before = code_at(RFC_SECRET, now - 30).unwrap();
        assert_eq!(check_code(RFC_SECRET, &before, now, Some(current)), Err(CodeError::Replayed));
        // Spaces as apps show them ("123 456") are fine; anything else is malformed.
        let spaced = format!("{} {}", &code[..3], &code[3..]);
        assert_eq!(check_code(RFC_SECRET, &spaced, now, None), Ok(current));
        for bad in ["", "12345", "1234567", "12a456", "１２３４５６"] {
            assert_eq!(check_code(RFC_SECRET, bad, now, None), Err(CodeError::Malformed), "{bad}");
        }
        let wrong = if code == "000000" { "000001" } else { "000000" };
        assert_eq!(check_code(RFC_SECRET, wrong, now, None), Err(CodeError::Wrong));
    }

    #[test]
    fn the_uri_and_manual_key_name_kindred_and_the_secret() {
        let uri = otpauth_uri(RFC_SECRET, "ana").unwrap();
        assert!(uri.starts_with("otpauth://totp/Kindred:ana?"), "{uri}");
        assert!(uri.contains(&format!("secret={}", manual_key(RFC_SECRET))), "{uri}");
        assert!(uri.contains("issuer=Kindred"), "{uri}");
        assert_eq!(manual_key(RFC_SECRET), "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
    }

    #[test]
    fn recovery_codes_are_ten_distinct_codes_that_match_however_typed() {
        let random: Vec<u8> = (0..100u8).map(|i| i.wrapping_mul(37).wrapping_add(11)).collect();
        let codes = recovery_codes(&random);
        assert_eq!(codes.len(), RECOVERY_CODES);
        let distinct: std::collections::HashSet<_> = codes.iter().collect();
        assert_eq!(distinct.len(), RECOVERY_CODES);
        for code in &codes {
            assert_eq!(code.len(), 11);
            assert_eq!(normalize_recovery_code(code).as_deref(), Some(code.as_str()));
            let typed = code.to_uppercase().replace('-', " ");
            assert_eq!(normalize_recovery_code(&typed).as_deref(), Some(code.as_str()));
        }
        for bad in ["", "abcde-fghj", "abcde-fghjk-m", "abcd0-fghjk", "ABCDE-FGHJL"] {
            assert_eq!(normalize_recovery_code(bad), None, "{bad}");
        }
    }
}
