package eu.sectoralerts.ingest.briefing;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The organisations an item names: issuing bodies (a gazetteer of China's central bodies by name
 * and abbreviation, plus any "... Ministry/Administration/Bureau ... (ABBR)" the text spells out)
 * and companies (names introduced by the way news prose introduces firms: "battery maker X",
 * "Germany's X", "X Group", "X announces"). Company extraction is a heuristic: it aims at few false
 * names rather than every name.
 */
final class Entities {

  /** A central body: the short name items carry, and how texts spell it. */
  private record Body(String name, Pattern pattern, Pattern spelledOut) {
    static Body of(String name, String... spellings) {
      String[] full = Arrays.stream(spellings).filter(s -> s.contains(" ")).toArray(String[]::new);
      return new Body(
          name,
          Pattern.compile("\\b(?:" + String.join("|", spellings) + ")\\b"),
          full.length == 0 || name.contains(" ")
              ? null
              : Pattern.compile(
                  "(?:\\b[Tt]he\\s+)?\\b(?:"
                      + String.join("|", full)
                      + ")\\b(?:\\s*\\("
                      + Pattern.quote(name)
                      + "\\))?"));
    }
  }

  private static final List<Body> BODIES =
      List.of(
          Body.of(
              "CCP Central Committee",
              "Central Committee of the (?:CCP|CPC|Communist Party(?: of China)?)",
              "(?:CCP|CPC|Party) Central Committee"),
          Body.of(
              "NPC Standing Committee",
              "Standing Committee of the National People's Congress",
              "NPCSC",
              "NPC Standing Committee"),
          Body.of("State Council", "State Council"),
          Body.of("MIIT", "Ministry of Industry and Information Technology", "MIIT"),
          Body.of("NDRC", "National Development and Reform Commission", "NDRC"),
          Body.of("MOST", "Ministry of Science and Technology", "MOST"),
          Body.of("MOT", "Ministry of Transport(?:ation)?", "MOT"),
          Body.of("CAC", "Cyberspace Administration of China", "CAC"),
          Body.of("SAMR", "State Administration for Market Regulation", "SAMR"),
          Body.of("NRA", "National Railway Administration", "NRA"),
          Body.of("NEA", "National Energy Administration", "NEA"),
          Body.of("MOFCOM", "Ministry of Commerce", "MOFCOM"),
          Body.of("MOF", "Ministry of Finance", "MOF"),
          Body.of("SAC", "Standardi[sz]ation Administration(?: of China)?", "SAC"),
          Body.of("MEE", "Ministry of Ecology and Environment", "MEE"),
          Body.of("MOHRSS", "Ministry of Human Resources and Social Security", "MOHRSS"),
          Body.of("MOE", "Ministry of Education", "MOE"),
          Body.of("NHC", "National Health Commission", "NHC"),
          Body.of("NMPA", "National Medical Products Administration", "NMPA"),
          Body.of("PBOC", "People's Bank of China", "PBOC", "PBoC"),
          Body.of("CSRC", "China Securities Regulatory Commission", "CSRC"),
          Body.of("SASAC", "State-owned Assets Supervision and Administration Commission", "SASAC"),
          Body.of("CAAC", "Civil Aviation Administration of China", "CAAC"),
          Body.of("CNIPA", "China National Intellectual Property Administration", "CNIPA"),
          Body.of("GACC", "General Administration of Customs", "GACC"),
          Body.of("MPS", "Ministry of Public Security", "MPS"),
          Body.of("MNR", "Ministry of Natural Resources", "MNR"),
          Body.of("MOHURD", "Ministry of Housing and Urban-Rural Development", "MOHURD"),
          Body.of("NPC", "National People's Congress", "NPC"));

  private static final String CAP = "[\\p{Lu}][\\p{L}\\p{N}&'.-]*";
  private static final Pattern SPELLED_OUT_BODY =
      Pattern.compile(
          "((?:"
              + CAP
              + "\\s+)*(?:Ministry|Administration|Commission|Bureau|Council|Committee"
              + "|Office|Agency|Department|Government)(?:\\s+(?:of|for|and|on|the)\\s+(?:the\\s+)?"
              + CAP
              + "(?:\\s+"
              + CAP
              + ")*)*)(?:\\s*\\(([\\p{Lu}]{2,8})\\))?");

  private static final String NAME =
      "([\\p{Lu}][\\p{L}\\p{N}&-]*(?:\\s+(?:[\\p{Lu}\\p{N}][\\p{L}\\p{N}&-]*|of|&)){0,4})";
  private static final String NATIONALITY =
      "(?:Chinese|German|French|Dutch|Swedish|Italian|Spanish|European|US|U\\.S\\.|American"
          + "|Japanese|Korean|South Korean|Taiwanese|British|Swiss|Finnish|Danish|Austrian"
          + "|Belgian|Norwegian|Polish|Czech|Hungarian|Irish|Indian|Canadian)";
  private static final String COUNTRY =
      "(?:China|Germany|France|the Netherlands|Sweden|Italy|Spain|Europe|the US|the U\\.S\\.|"
          + "America|Japan|Korea|South Korea|Taiwan|the UK|Britain|Switzerland|Finland|Denmark|"
          + "Austria|Belgium|Norway|Poland|India|Canada)";
  private static final String FOREIGN_COUNTRY = COUNTRY.replace("China|", "");
  private static final String COMPANY_NOUN =
      "(?:company|companies|maker|makers|automaker|carmaker|chipmaker|startup|start-up|giant"
          + "|supplier|firm|operator|provider|manufacturer|producer|arm|subsidiary|rival|unit"
          + "|conglomerate|developer|retailer|vendor|enterprise|group|bank|insurer|champion"
          + "|leader|foundry|player)";
  private static final List<Pattern> COMPANY_PATTERNS =
      List.of(
          // "battery maker SVOLT", "ride-hailing giant Didi", "VC arm Hubble"
          Pattern.compile("\\b" + COMPANY_NOUN + "\\s+" + NAME),
          // "companies like Tencent and Xiaomi"
          Pattern.compile(
              "\\b(?:companies|firms|players|giants|enterprises)\\s+(?:like|such as|including)\\s+"
                  + NAME
                  + "(?:,\\s+"
                  + NAME
                  + ")?(?:,?\\s+and\\s+"
                  + NAME
                  + ")?"),
          // "Germany's SAP", "the US' Oracle"
          Pattern.compile("\\b" + FOREIGN_COUNTRY + "(?:'s|'|\\u2019s|\\u2019)\\s+" + NAME),
          // "German Heraeus"
          Pattern.compile("\\b" + NATIONALITY + "\\s+" + NAME),
          // "Huawei's wholly-owned venture capital arm"
          Pattern.compile(
              NAME
                  + "(?:'s|\\u2019s)\\s+(?:[\\p{Ll}-]+\\s+){0,4}(?:\\([A-Z]{2,5}\\)\\s+)?"
                  + "(?:arm|subsidiary|unit|division|affiliate|spin-off|branch)\\b"),
          // "X Motor", "X Group", "X Technologies", not "Information and Communication
          // Technologies"
          Pattern.compile(
              "(?<!(?:and|of|for|&) )\\b((?:"
                  + "[\\p{Lu}][\\p{L}\\p{N}&-]*"
                  + "\\s+){1,3}(?:Group|Motors?|Technologies|Technology Co\\.|Co\\.|Corp\\.?"
                  + "|Corporation|Inc\\.?|Ltd\\.?|Holdings|AG|SE|GmbH|Robotics|Semiconductors?"
                  + "(?:\\s+Materials)?|Electronics|Automotive|Energy Technology))\\b"));

  /** What companies do in news bullets; a closed list, so a plural noun is not taken for one. */
  private static final String NEWS_VERB =
      "(?:is|has|will|was|announces|announced|plans|signs|signed|opens|opened|starts|started"
          + "|launches|launched|receives|received|raises|raised|invests|invested|acquires"
          + "|acquired|buys|bought|sells|sold|delays|delayed|cuts|builds|unveils|unveiled"
          + "|terminates|terminated|cooperates|partners|apologi[sz]es|apologi[sz]ed|puts|put"
          + "|establishes|established|becomes|became|wins|won|files|filed|agrees|agreed"
          + "|completes|completed|releases|released|says|said|reports|reported|expands|expanded"
          + "|enters|entered|exits|halts|halted|suspends|suspended|secures|secured|obtains"
          + "|obtained|introduces|introduced|sets|teams|joins|joined|takes|took|forms|formed"
          + "|merges|merged|lists|listed|posts|posted|recalls|recalled|closes|closed|moves"
          + "|shifts|supplies|supplied|wants|aims|seeks|invites|denies|denied|confirms"
          + "|confirmed|unveils|debuts|debuted|begins|began|ships|shipped|hires|lays|reaches"
          + "|reached|commissions|commissioned)";

  /** A company named as the subject of a corporate item: "Sinopec announces ...". */
  private static final Pattern SUBJECT =
      Pattern.compile(
          "^(?:(?:The|A|An)\\s+)?(?:"
              + COUNTRY
              + "(?:'s|\\u2019s)\\s+)?(?:"
              + NATIONALITY
              + "\\s+)?"
              + NAME
              + "\\s+(?:[\\p{Ll}]+ly\\s+)?"
              + NEWS_VERB
              + "\\b");

  private static final Set<String> NOT_COMPANIES =
      Set.of(
          "china",
          "chinese",
          "beijing",
          "shanghai",
          "shenzhen",
          "germany",
          "europe",
          "eu",
          "us",
          "usa",
          "uk",
          "japan",
          "the",
          "a",
          "an",
          "in",
          "on",
          "this",
          "that",
          "these",
          "it",
          "media",
          "government",
          "ministry",
          "state",
          "state council",
          "merics",
          "reuters",
          "xinhua",
          "caixin",
          "bloomberg",
          "yicai",
          "the paper",
          "ai",
          "ic",
          "ev",
          "evs",
          "nev",
          "nevs",
          "soe",
          "soes",
          "sme",
          "smes",
          "r&d",
          "vc",
          "cny",
          "usd",
          "eur",
          "february",
          "january",
          "march",
          "april",
          "may",
          "june",
          "july",
          "august",
          "september",
          "october",
          "november",
          "december",
          "industrial internet",
          "internet",
          "belt and road",
          "made in china",
          "five-year plan",
          "fyp",
          "xinjiang",
          "lithuania");
  private static final Pattern NOT_COMPANY_WORDS =
      Pattern.compile(
          "\\b(?:Ministry|Administration|Commission|Bureau|Council|Committee|Government|Chamber"
              + "|Association|University|Institute|Academy|Party|Congress|Zone|Park|Initiative"
              + "|Plan|Law|Union|Province|City|Municipal|Agency|Department|Office)\\b");

  private Entities() {}

  /** The issuing bodies a text names, short names first-seen first. */
  static List<String> bodies(String text) {
    record Hit(int at, String name) {}
    List<Hit> hits = new ArrayList<>();
    for (Body body : BODIES) {
      Matcher m = body.pattern().matcher(text);
      if (m.find()) {
        hits.add(new Hit(m.start(), body.name()));
      }
    }
    // "National People's Congress" also matches inside "Standing Committee of the NPC".
    hits.sort(Comparator.comparingInt(Hit::at));
    Set<String> names = new LinkedHashSet<>();
    for (Hit hit : hits) {
      names.add(hit.name());
    }
    if (names.contains("NPC Standing Committee")) {
      names.remove("NPC");
    }
    if (names.isEmpty()) {
      Matcher m = SPELLED_OUT_BODY.matcher(text);
      while (m.find()) {
        String name = m.group(2) != null ? m.group(2) : m.group(1).strip();
        if (name.split("\\s+").length >= 2 || m.group(2) != null) {
          names.add(name);
        }
      }
    }
    return List.copyOf(names);
  }

  /** The text with every body of the gazetteer that has an abbreviation written as it. */
  static String abbreviate(String text) {
    String result = text;
    for (Body body : BODIES) {
      if (body.spelledOut() != null) {
        result =
            body.spelledOut().matcher(result).replaceAll(Matcher.quoteReplacement(body.name()));
      }
    }
    return result;
  }

  /** A body written in full, e.g. in an "Issuing body:" field, under its short name if known. */
  static String canonicalBody(String written) {
    String value = written.strip().replaceAll("[.;,]+$", "");
    for (Body body : BODIES) {
      Matcher m = body.pattern().matcher(value);
      if (m.matches()) {
        return body.name();
      }
    }
    // "Ministry of Ecology and Environment (MEE)" and the like
    Matcher abbreviated = Pattern.compile("^.*\\(([\\p{Lu}]{2,8})\\)$").matcher(value);
    if (abbreviated.matches()) {
      return canonicalBody(abbreviated.group(1));
    }
    return value;
  }

  /** The companies a text names, first-seen first; {@code subjectFirst} for corporate items. */
  static List<String> companies(String text, boolean subjectFirst) {
    Set<String> found = new LinkedHashSet<>();
    if (subjectFirst) {
      Matcher subject = SUBJECT.matcher(text);
      if (subject.find()) {
        addCompany(found, subject.group(1));
      }
    }
    record Hit(int at, String name) {}
    List<Hit> hits = new ArrayList<>();
    for (Pattern pattern : COMPANY_PATTERNS) {
      Matcher m = pattern.matcher(text);
      while (m.find()) {
        for (int g = 1; g <= m.groupCount(); g++) {
          if (m.group(g) != null) {
            hits.add(new Hit(m.start(g), m.group(g)));
          }
        }
      }
    }
    hits.sort(Comparator.comparingInt(Hit::at));
    hits.forEach(hit -> addCompany(found, hit.name()));
    return List.copyOf(found);
  }

  private static void addCompany(Set<String> found, String candidate) {
    String name = candidate.strip().replaceAll("(?:\\s+(?:of|&))+$", "").replaceAll("[.,]$", "");
    name = name.replaceFirst("^(?:The|A|An)\\s+", "");
    if (name.length() < 2
        || name.matches(NATIONALITY + "|" + COUNTRY)
        || NOT_COMPANIES.contains(name.toLowerCase(Locale.ROOT))
        || NOT_COMPANY_WORDS.matcher(name).find()
        || !bodies(name).isEmpty() && bodies(name).get(0).equals(name)) {
      return;
    }
    // "China Rare Earth Group" is a company; "China" alone is not, nor a name made of numbers.
    if (!name.matches(".*\\p{L}.*")) {
      return;
    }
    for (String known : List.copyOf(found)) {
      if (known.contains(name)) {
        return;
      }
      if (name.contains(known)) {
        found.remove(known);
      }
    }
    found.add(name);
  }
}
