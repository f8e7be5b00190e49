//! What the integration tests share.

/// The present values of a programme, through the one entry point
/// (`froi::appraise`), owned so a test can keep them.
pub fn present_values(p: &froi::Programme) -> froi::Result<froi::PresentValueAppraisal> {
    froi::appraise(p)?.present_values().cloned()
}
