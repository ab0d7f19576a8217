package uk.isafe.practice.assessment.instrument;

/**
 * The post-wave block asking learners to think back to before the training, for one (confidence) scale. Its answers
 * and scores are stored and reported apart from the true pre wave.
 */
public record Retrospective(String scaleId, String title, String question) {
}
