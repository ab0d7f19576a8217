package uk.isafe.practice.scenario.validate;

public enum Severity {
  ERROR, WARNING
}
