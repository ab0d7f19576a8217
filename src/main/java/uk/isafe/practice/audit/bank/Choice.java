package uk.isafe.practice.audit.bank;

/** One option of a closed list in the bank (a stage, a man's role, an N/A reason, a judgement): id and label key. */
public record Choice(String id, String label) {
}
