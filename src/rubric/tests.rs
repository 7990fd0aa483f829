use super::*;

#[test]
fn sla_days_follow_the_first_matching_target_of_the_shipped_rubric() {
    let r = Rubric::builtin().unwrap();
    // Information: 5 working days by letter, 1 through every other channel.
    assert_eq!(r.sla_days(Some("informasi"), None), vec![1, 5]);
    // Complaints: 5 through SP4N-LAPOR!, 14 otherwise.
    assert_eq!(r.sla_days(Some("pengaduan"), None), vec![5, 14]);
    assert_eq!(r.sla_days(None, Some("Surat")), vec![5, 14]);
    assert_eq!(r.sla_days(None, Some("SP4N-LAPOR!")), vec![1, 5]);
    assert_eq!(r.sla_days(None, Some("WhatsApp")), vec![1, 14]);
    assert_eq!(r.sla_days(Some("pengaduan"), Some("SP4N-LAPOR!")), vec![5]);
    assert_eq!(r.sla_days(None, None), vec![1, 5, 14]);
}
