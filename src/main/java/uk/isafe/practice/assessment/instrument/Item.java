package uk.isafe.practice.assessment.instrument;

/**
 * One question of a scale, answered on the scale's points.
 *
 * @param reverse true when a high answer means less of the construct: scored as {@code min + max - answer}
 */
public record Item(String id, String text, boolean reverse) {
}
