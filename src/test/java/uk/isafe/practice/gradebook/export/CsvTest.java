package uk.isafe.practice.gradebook.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class CsvTest {
  @Test
  void file_starts_with_a_bom_and_rows_end_with_crlf() {
    String csv = new Csv().row("Learner", "Pre").row("Siân Jones", 4.5).toString();
    assertTrue(csv.startsWith("\uFEFF"), "BOM first");
    assertEquals("\uFEFFLearner,Pre\r\nSiân Jones,4.5\r\n", csv);
  }

  @Test
  void commas_quotes_and_line_breaks_are_quoted_per_rfc_4180() {
    assertEquals("\"Smith, Jo\"", Csv.cell("Smith, Jo"));
    assertEquals("\"He said \"\"no\"\"\"", Csv.cell("He said \"no\""));
    assertEquals("\"two\nlines\"", Csv.cell("two\nlines"));
    assertEquals("plain", Csv.cell("plain"));
    assertEquals("", Csv.cell(null));
  }

  @Test
  void text_that_a_spreadsheet_would_run_as_a_formula_is_neutralised() {
    assertEquals("'=HYPERLINK(\"http://x\")".replace("\"", "\"\""),
        Csv.cell("=HYPERLINK(\"http://x\")").substring(1, Csv.cell("=HYPERLINK(\"http://x\")").length() - 1));
    assertEquals("'+44 7700 900123", Csv.cell("+44 7700 900123"));
    assertEquals("'-2+3", Csv.cell("-2+3"));
    assertEquals("'@SUM(A1)", Csv.cell("@SUM(A1)"));
    assertEquals("\"'=1+2,3\"", Csv.cell("=1+2,3"));
  }

  @Test
  void numbers_stay_numbers_even_when_negative() {
    assertEquals("-0.5", Csv.cell(-0.5));
    assertEquals("3", Csv.cell(3));
    assertEquals("75", Csv.cell(new java.math.BigDecimal("75.00")));
    assertEquals("", Csv.cell(Double.NaN));
  }
}
