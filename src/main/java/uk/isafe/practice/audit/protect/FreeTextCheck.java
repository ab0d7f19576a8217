package uk.isafe.practice.audit.protect;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Looks for things in an auditor's short comment that could identify a child or family: names, dates, addresses
 * and contact details. It is a guard, not a guarantee: it errs towards refusing (a capitalised word in the middle of
 * a sentence that is not a known term of the trade is taken for a name) and the form tells the auditor why, so they
 * can reword. Pure Java.
 */
public final class FreeTextCheck {

  /** What a finding looks like. */
  public enum Kind { NAME, DATE, ADDRESS, CONTACT }

  /** One thing found, with the words that triggered it. */
  public record Finding(Kind kind, String text) {
  }

  private static final String MONTHS = "(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?"
      + "|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)";
  private static final Pattern NUMERIC_DATE = Pattern.compile("\\b\\d{1,2}\\s*[/.-]\\s*\\d{1,2}\\s*[/.-]\\s*\\d{2,4}\\b");
  private static final Pattern ISO_DATE = Pattern.compile("\\b\\d{4}-\\d{2}-\\d{2}\\b");
  private static final Pattern WORD_DATE = Pattern.compile("(?i)\\b(?:\\d{1,2}(?:st|nd|rd|th)?\\s+(?:of\\s+)?"
      + MONTHS + "\\b|" + MONTHS + "\\s+\\d{1,2}(?:st|nd|rd|th)?\\b|" + MONTHS + "\\s+\\d{4}\\b)");
  private static final Pattern POSTCODE = Pattern.compile("(?i)\\b[A-Z]{1,2}\\d[A-Z\\d]?\\s*\\d[A-Z]{2}\\b");
  private static final Pattern STREET = Pattern.compile("(?i)\\b(?:\\d+[a-z]?\\s+)(?:[a-z']+\\s+){1,3}(?:road|rd|street"
      + "|st|avenue|ave|lane|close|drive|way|court|crescent|place|gardens|terrace|grove|hill|walk|square|mews|row"
      + "|parade|view|rise)\\b|\\bflat\\s+\\d+");
  private static final Pattern EMAIL = Pattern.compile("[\\w.+-]+@[\\w-]+\\.[\\w.]+");
  private static final Pattern PHONE = Pattern.compile("(?:\\+44\\s?|\\b0)\\d(?:[\\s-]?\\d){8,9}\\b");
  private static final Pattern TITLED = Pattern.compile("\\b(?:Mr|Mrs|Ms|Miss|Mx|Dr)\\.?\\s+[A-Z][\\p{L}'-]+");
  private static final Pattern WORD = Pattern.compile("[\\p{L}][\\p{L}'’-]*");

  /** Capitalised words that are not names: terms of the trade, agencies, days, nations, acronyms are caught apart. */
  private static final Set<String> ALLOWED = Set.of("i", "i'm", "i’m", "i've", "i’ve", "child", "children", "need",
      "protection", "plan", "plans", "conference", "conferences", "core", "group", "review", "reviews", "care",
      "support", "court", "family", "drug", "alcohol", "police", "health", "school", "social", "services", "team",
      "leader", "manager", "chair", "independent", "reviewing", "officer", "looked", "after", "early", "help",
      "section", "public", "law", "outline", "mash", "front", "door", "monday", "tuesday", "wednesday", "thursday",
      "friday", "saturday", "sunday", "england", "wales", "welsh", "english", "british", "christmas", "easter",
      "father", "mother", "dad", "mum", "step-father", "stepfather", "partner", "grandfather", "grandmother",
      "uncle", "aunt", "probation", "housing", "adult", "mental", "youth", "justice", "offending", "service",
      "domestic", "abuse", "violence", "safeguarding", "partnership", "board", "local", "authority", "council",
      "hospital", "gp", "nhs", "nursery", "college", "multi-agency", "strategy", "meeting", "discussion");

  private FreeTextCheck() {
  }

  public static List<Finding> check(String text) {
    List<Finding> out = new ArrayList<>();
    if (text == null || text.isBlank()) {
      return out;
    }
    find(out, Kind.CONTACT, EMAIL, text);
    find(out, Kind.CONTACT, PHONE, text);
    find(out, Kind.DATE, NUMERIC_DATE, text);
    find(out, Kind.DATE, ISO_DATE, text);
    find(out, Kind.DATE, WORD_DATE, text);
    find(out, Kind.ADDRESS, POSTCODE, text);
    find(out, Kind.ADDRESS, STREET, text);
    find(out, Kind.NAME, TITLED, text);
    names(out, text);
    return out;
  }

  private static void find(List<Finding> out, Kind kind, Pattern p, String text) {
    Matcher m = p.matcher(text);
    while (m.find()) {
      if (out.stream().noneMatch(f -> f.text().contains(m.group().strip()))) {
        out.add(new Finding(kind, m.group().strip()));
      }
    }
  }

  /** A capitalised word that does not start a sentence and is not a known term is taken for a name. */
  private static void names(List<Finding> out, String text) {
    Matcher m = WORD.matcher(text);
    while (m.find()) {
      String w = m.group();
      if (!Character.isUpperCase(w.charAt(0)) || startsSentence(text, m.start())) {
        continue;
      }
      boolean acronym = w.length() > 1 && w.equals(w.toUpperCase(Locale.ROOT));
      if (acronym || ALLOWED.contains(w.toLowerCase(Locale.ROOT)) || WORD_DATE.matcher(w + " 1").lookingAt()) {
        continue;
      }
      if (out.stream().noneMatch(f -> f.text().contains(w))) {
        out.add(new Finding(Kind.NAME, w));
      }
    }
  }

  private static boolean startsSentence(String text, int at) {
    int i = at - 1;
    while (i >= 0 && (Character.isWhitespace(text.charAt(i)) || "\"'“‘(".indexOf(text.charAt(i)) >= 0)) {
      i--;
    }
    return i < 0 || ".!?:;\n".indexOf(text.charAt(i)) >= 0;
  }
}
