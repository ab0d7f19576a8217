package uk.isafe.practice.scenario.model;

/** A branch route; {@code when} is null on the last (default) route. */
public record Route(Condition when, String next) {
}
