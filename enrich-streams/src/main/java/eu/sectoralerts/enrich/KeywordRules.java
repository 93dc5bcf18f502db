package eu.sectoralerts.enrich;

import eu.sectoralerts.common.TaxonomyIds;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The first rule set of {@link KeywordTagger}, written in code: lower-case keywords per sector and
 * risk id (matched case-insensitively), phrases that mark an item as directly restricting or
 * pressuring foreign firms, and a small gazetteer of European and other companies and of Chinese
 * issuing bodies (matched case-sensitively, because acronyms such as MOST or SAP are ordinary words
 * in lower case). A later version replaces this with a versioned taxonomy file.
 *
 * @param sectors one rule per sector id, in taxonomy order
 * @param risks one rule per risk id, in taxonomy order
 * @param severe phrases of bans, sanctions, forced localization and pressure
 * @param europeanFirms one rule per European company, target = canonical name
 * @param otherFirms one rule per non-European company, target = canonical name
 * @param bodies one rule per issuing body, target = canonical name
 */
record KeywordRules(
    List<KeywordRule> sectors,
    List<KeywordRule> risks,
    KeywordRule severe,
    List<KeywordRule> europeanFirms,
    List<KeywordRule> otherFirms,
    List<KeywordRule> bodies) {

  /** The version of {@link #defaults()}. */
  static final String DEFAULT_VERSION = "keywords-0.1";

  KeywordRules {
    sectors = List.copyOf(sectors);
    risks = List.copyOf(risks);
    Objects.requireNonNull(severe, "severe");
    europeanFirms = List.copyOf(europeanFirms);
    otherFirms = List.copyOf(otherFirms);
    bodies = List.copyOf(bodies);
    List<String> sectorIds = sectors.stream().map(KeywordRule::target).toList();
    List<String> riskIds = risks.stream().map(KeywordRule::target).toList();
    if (!sectorIds.equals(TaxonomyIds.SECTORS)) {
      throw new IllegalArgumentException(
          "sector rules must cover exactly the taxonomy's sector ids, got " + sectorIds);
    }
    if (!riskIds.equals(TaxonomyIds.RISKS)) {
      throw new IllegalArgumentException(
          "risk rules must cover exactly the taxonomy's risk ids, got " + riskIds);
    }
  }

  static KeywordRules defaults() {
    return new KeywordRules(
        rules("sector.", SECTOR_KEYWORDS, false),
        rules("risk.", RISK_KEYWORDS, false),
        new KeywordRule("level.severe", "severe", SEVERE, false),
        rules("firm.", EUROPEAN_FIRMS, true),
        rules("firm.", OTHER_FIRMS, true),
        rules("body.", BODIES, true));
  }

  private static List<KeywordRule> rules(
      String idPrefix, List<Map.Entry<String, List<String>>> table, boolean caseSensitive) {
    List<KeywordRule> rules = new ArrayList<>();
    for (Map.Entry<String, List<String>> entry : table) {
      rules.add(
          new KeywordRule(
              idPrefix + entry.getKey().replace(' ', '-'),
              entry.getKey(),
              entry.getValue(),
              caseSensitive));
    }
    return rules;
  }

  private static final List<Map.Entry<String, List<String>>> SECTOR_KEYWORDS =
      List.of(
          Map.entry(
              "software-it",
              List.of(
                  "software",
                  "industrial software",
                  "industrial app*",
                  "app",
                  "apps",
                  "operating system*",
                  "cloud computing",
                  "cloud service*",
                  "open source",
                  "artificial intelligence",
                  "ai",
                  "large language model*",
                  "it services",
                  "saas",
                  "erp")),
          Map.entry(
              "telecom-ict",
              List.of(
                  "5g",
                  "6g",
                  "fibre",
                  "fiber",
                  "optical fibre*",
                  "broadband",
                  "ipv6",
                  "internet of things",
                  "iot",
                  "telecom*",
                  "base station*",
                  "data centre*",
                  "data center*",
                  "computing power",
                  "satellite communication*",
                  "satellite internet",
                  "mobile network*",
                  "network operator*")),
          Map.entry(
              "data-digital",
              List.of(
                  "big data",
                  "data market*",
                  "data trading",
                  "data exchange*",
                  "data security",
                  "cross-border data",
                  "data transfer*",
                  "personal information",
                  "data element*",
                  "digital economy",
                  "platform economy",
                  "platform compan*",
                  "informatization",
                  "e-government",
                  "digital government")),
          Map.entry(
              "semiconductors",
              List.of(
                  "semiconductor*",
                  "chip",
                  "chips",
                  "chipmaker*",
                  "ai chip*",
                  "memory chip*",
                  "integrated circuit*",
                  "ic design",
                  "wafer*",
                  "foundry",
                  "foundries",
                  "lithography",
                  "photoresist*",
                  "eda",
                  "eda tool*",
                  "dram",
                  "nand")),
          Map.entry(
              "smart-manufacturing",
              List.of(
                  "smart manufacturing",
                  "intelligent manufacturing",
                  "industrial internet",
                  "digital transformation",
                  "robot",
                  "robots",
                  "robotic*",
                  "industrial robot*",
                  "automation",
                  "numerical control",
                  "cnc",
                  "smart factor*",
                  "digital twin*",
                  "industry 4.0",
                  "productivity")),
          Map.entry(
              "automotive",
              List.of(
                  "automotive",
                  "vehicle*",
                  "car",
                  "cars",
                  "carmaker*",
                  "automaker*",
                  "new energy vehicle*",
                  "nev",
                  "nevs",
                  "electric vehicle*",
                  "ev",
                  "evs",
                  "autonomous driving",
                  "self-driving",
                  "robotaxi*",
                  "auto parts",
                  "auto component*",
                  "charging pile*",
                  "charging station*")),
          Map.entry(
              "batteries",
              List.of(
                  "battery",
                  "batteries",
                  "battery cell*",
                  "battery swap*",
                  "power batter*",
                  "solid-state batter*",
                  "lithium",
                  "cathode*",
                  "anode*",
                  "electrolyte*",
                  "gigafactor*")),
          Map.entry(
              "energy-cleantech",
              List.of(
                  "renewable*",
                  "solar",
                  "photovoltaic*",
                  "wind power",
                  "wind farm*",
                  "wind turbine*",
                  "hydrogen",
                  "power grid*",
                  "grid",
                  "power plant*",
                  "coal",
                  "energy efficiency",
                  "energy saving",
                  "energy storage",
                  "emission*",
                  "carbon peak*",
                  "carbon neutral*",
                  "low-carbon",
                  "clean energy",
                  "clean production",
                  "green production",
                  "green manufacturing",
                  "nuclear power")),
          Map.entry(
              "materials-chemicals",
              List.of(
                  "steel",
                  "cement",
                  "glass",
                  "non-ferrous metal*",
                  "nonferrous metal*",
                  "rare earth*",
                  "chemical*",
                  "petrochemical*",
                  "aluminium",
                  "aluminum",
                  "copper",
                  "gallium",
                  "germanium",
                  "graphite",
                  "polysilicon",
                  "raw material*",
                  "commodit*")),
          Map.entry(
              "rail",
              List.of(
                  "rail",
                  "railway*",
                  "railroad*",
                  "high-speed rail",
                  "maglev",
                  "rolling stock",
                  "locomotive*",
                  "bullet train*",
                  "high-speed train*",
                  "passenger train*",
                  "freight train*",
                  "metro line*",
                  "urban rail")),
          Map.entry(
              "aerospace-aviation",
              List.of(
                  "aviation",
                  "civil aviation",
                  "airline*",
                  "airport*",
                  "aircraft",
                  "airliner*",
                  "aerospace",
                  "aero-engine*",
                  "jetliner*",
                  "satellite",
                  "satellites",
                  "drone*",
                  "low-altitude")),
          Map.entry(
              "transport-logistics",
              List.of(
                  "transport",
                  "transportation",
                  "logistics",
                  "port",
                  "ports",
                  "shipping",
                  "container ship*",
                  "freight",
                  "cargo",
                  "highway*",
                  "waterway*",
                  "smart transport*",
                  "express delivery",
                  "courier*")),
          Map.entry(
              "medical-devices",
              List.of(
                  "medical device*",
                  "medical equipment",
                  "medical instrument*",
                  "diagnostic*",
                  "in vitro diagnostic*",
                  "imaging",
                  "ct scanner*",
                  "mri",
                  "ultrasound",
                  "ventilator*",
                  "telemedicine",
                  "internet hospital*",
                  "smart medical",
                  "hospital",
                  "hospitals")),
          Map.entry(
              "pharma-biotech",
              List.of(
                  "pharma*",
                  "drug",
                  "drugs",
                  "drugmaker*",
                  "medicine",
                  "medicines",
                  "active pharmaceutical ingredient*",
                  "biotech*",
                  "biopharma*",
                  "biologic*",
                  "vaccine*",
                  "clinical trial*",
                  "generic drug*",
                  "innovative drug*")),
          Map.entry(
              "machinery-equipment",
              List.of(
                  "machinery",
                  "machine tool*",
                  "major technical equipment",
                  "heavy equipment",
                  "industrial equipment",
                  "high-end equipment",
                  "equipment manufactur*",
                  "environmental protection equipment",
                  "construction machinery",
                  "engineering machinery",
                  "agricultural machinery",
                  "excavator*",
                  "boiler*",
                  "compressor*")),
          Map.entry(
              "cross-sector",
              List.of(
                  "standard system*",
                  "standards system*",
                  "standardization",
                  "sme",
                  "smes",
                  "small and medium*",
                  "free trade zone*",
                  "free trade port*",
                  "foreign investment",
                  "investment rules",
                  "intellectual property",
                  "ipr",
                  "agricultur*",
                  "business environment",
                  "economy-wide")));

  private static final List<Map.Entry<String, List<String>>> RISK_KEYWORDS =
      List.of(
          Map.entry(
              "market-access",
              List.of(
                  "market access",
                  "locali*",
                  "local content",
                  "indigenous",
                  "domestic substitution",
                  "import substitution",
                  "substitute foreign",
                  "replace foreign",
                  "autonomous and controllable",
                  "secure and controllable",
                  "self-reliance",
                  "self-reliant",
                  "reliance on foreign",
                  "buy china",
                  "procurement preference*",
                  "government procurement",
                  "domestic products",
                  "domestically produced",
                  "negative list",
                  "volume-based procurement",
                  "foreign ownership",
                  "equity cap*",
                  "exclude foreign",
                  "remove foreign",
                  "removed foreign",
                  "favour domestic",
                  "favor domestic")),
          Map.entry(
              "competition",
              List.of(
                  "subsid*",
                  "state support",
                  "state-backed",
                  "national champion*",
                  "capacity expansion",
                  "expand capacity",
                  "overcapacity",
                  "price war*",
                  "global top",
                  "world-class",
                  "market share",
                  "compete",
                  "competitor*",
                  "competitiveness",
                  "rival*",
                  "move up the value chain",
                  "moving up the value chain",
                  "little giant*",
                  "specialized and sophisticated",
                  "go global",
                  "going global",
                  "overseas expansion",
                  "dumping")),
          Map.entry(
              "regulatory-compliance",
              List.of(
                  "compliance",
                  "regulatory",
                  "regulation",
                  "regulations",
                  "data security",
                  "cybersecurity",
                  "cyber security",
                  "cross-border data",
                  "personal information protection",
                  "security review*",
                  "security assessment*",
                  "antitrust",
                  "anti-monopoly",
                  "mandatory standard*",
                  "mandatory national standard*",
                  "certification",
                  "emission limit*",
                  "emission standard*",
                  "environmental inspection*",
                  "fined",
                  "penalt*",
                  "licensing requirement*")),
          Map.entry(
              "supply-chain",
              List.of(
                  "supply chain*",
                  "sanction*",
                  "export control*",
                  "export restriction*",
                  "export ban*",
                  "export licen*",
                  "entity list",
                  "unreliable entity list",
                  "xinjiang",
                  "forced labour",
                  "forced labor",
                  "shortage*",
                  "decoupl*",
                  "de-risk*",
                  "disruption*",
                  "stockpil*",
                  "critical mineral*",
                  "political pressure",
                  "boycott*",
                  "retaliat*",
                  "countermeasure*",
                  "chokepoint*")),
          Map.entry(
              "ip-tech-transfer",
              List.of(
                  "intellectual property",
                  "ipr",
                  "patent*",
                  "technology transfer",
                  "tech transfer",
                  "transfer of technology",
                  "trade secret*",
                  "standard setting",
                  "international standards",
                  "standard essential patent*",
                  "source code",
                  "know-how",
                  "infring*",
                  "counterfeit*",
                  "copyright*")),
          Map.entry(
              "opportunity",
              List.of(
                  "opportunit*",
                  "opening up",
                  "open to foreign",
                  "opened to foreign",
                  "foreign investors",
                  "import tax exemption*",
                  "tax exemption*",
                  "tariff exemption*",
                  "tariff cut*",
                  "lower tariff*",
                  "imported equipment",
                  "foreign equipment",
                  "foreign suppliers",
                  "european partner*",
                  "european suppliers",
                  "sino-european",
                  "sino-german",
                  "china-eu",
                  "encouraged industries",
                  "encourage foreign",
                  "welcome foreign",
                  "welcomes foreign",
                  "lifted the cap",
                  "lifts the cap",
                  "eased restrictions",
                  "new demand",
                  "growing demand")));

  private static final List<String> SEVERE =
      List.of(
          "ban",
          "bans",
          "banned",
          "banning",
          "prohibit*",
          "sanction*",
          "entity list",
          "unreliable entity list",
          "blacklist*",
          "mandatory locali*",
          "forced to",
          "forced out",
          "exclude foreign",
          "excluded from",
          "replace foreign",
          "remove foreign",
          "removed foreign",
          "decoupl*",
          "under pressure",
          "pressure on",
          "boycott*",
          "crackdown",
          "raid*",
          "detain*",
          "anti-dumping");

  private static final List<Map.Entry<String, List<String>>> EUROPEAN_FIRMS =
      List.of(
          Map.entry("Continental", List.of("Continental")),
          Map.entry("Heraeus", List.of("Heraeus")),
          Map.entry("Renault", List.of("Renault")),
          Map.entry("SAP", List.of("SAP")),
          Map.entry("Siemens", List.of("Siemens")),
          Map.entry("Volkswagen", List.of("Volkswagen", "VW")),
          Map.entry("BMW", List.of("BMW")),
          Map.entry("Mercedes-Benz", List.of("Mercedes-Benz", "Mercedes", "Daimler")),
          Map.entry("Bosch", List.of("Bosch")),
          Map.entry("BASF", List.of("BASF")),
          Map.entry("Airbus", List.of("Airbus")),
          Map.entry("Nokia", List.of("Nokia")),
          Map.entry("Ericsson", List.of("Ericsson")),
          Map.entry("ASML", List.of("ASML")),
          Map.entry("Philips", List.of("Philips")),
          Map.entry("Alstom", List.of("Alstom")),
          Map.entry("Infineon", List.of("Infineon")),
          Map.entry("STMicroelectronics", List.of("STMicroelectronics")),
          Map.entry("NXP", List.of("NXP")),
          Map.entry("Stellantis", List.of("Stellantis")),
          Map.entry("Schneider Electric", List.of("Schneider Electric")),
          Map.entry("ABB", List.of("ABB")),
          Map.entry("Thales", List.of("Thales")),
          Map.entry("Bayer", List.of("Bayer")),
          Map.entry("Novartis", List.of("Novartis")),
          Map.entry("Roche", List.of("Roche")),
          Map.entry("Sanofi", List.of("Sanofi")),
          Map.entry("H&M", List.of("H&M")),
          Map.entry("Adidas", List.of("Adidas")));

  private static final List<Map.Entry<String, List<String>>> OTHER_FIRMS =
      List.of(
          Map.entry("Huawei", List.of("Huawei")),
          Map.entry("ZTE", List.of("ZTE")),
          Map.entry("SMIC", List.of("SMIC")),
          Map.entry("CATL", List.of("CATL")),
          Map.entry("BYD", List.of("BYD")),
          Map.entry("Geely", List.of("Geely")),
          Map.entry("CRRC", List.of("CRRC")),
          Map.entry("COMAC", List.of("COMAC")),
          Map.entry("Alibaba", List.of("Alibaba")),
          Map.entry("Tencent", List.of("Tencent")),
          Map.entry("Baidu", List.of("Baidu")),
          Map.entry("Xiaomi", List.of("Xiaomi")),
          Map.entry("Lenovo", List.of("Lenovo")),
          Map.entry("Hikvision", List.of("Hikvision")),
          Map.entry("YMTC", List.of("YMTC")),
          Map.entry("China Mobile", List.of("China Mobile")),
          Map.entry("Sinopec", List.of("Sinopec")),
          Map.entry("Oracle", List.of("Oracle")),
          Map.entry("Tesla", List.of("Tesla")));

  private static final List<Map.Entry<String, List<String>>> BODIES =
      List.of(
          Map.entry("State Council", List.of("State Council")),
          Map.entry("MIIT", List.of("MIIT", "Ministry of Industry and Information Technology")),
          Map.entry("NDRC", List.of("NDRC", "National Development and Reform Commission")),
          Map.entry("MOST", List.of("MOST", "Ministry of Science and Technology")),
          Map.entry("MOT", List.of("MOT", "Ministry of Transport")),
          Map.entry("CAC", List.of("CAC", "Cyberspace Administration of China")),
          Map.entry("SAMR", List.of("SAMR", "State Administration for Market Regulation")),
          Map.entry("NRA", List.of("NRA", "National Railway Administration")),
          Map.entry("NEA", List.of("NEA", "National Energy Administration")),
          Map.entry("MOFCOM", List.of("MOFCOM", "Ministry of Commerce")),
          Map.entry("MOF", List.of("MOF", "Ministry of Finance")),
          Map.entry("MEE", List.of("MEE", "Ministry of Ecology and Environment")),
          Map.entry("NHC", List.of("NHC", "National Health Commission")),
          Map.entry("NMPA", List.of("NMPA", "National Medical Products Administration")),
          Map.entry("CAAC", List.of("CAAC", "Civil Aviation Administration of China")),
          Map.entry("SASAC", List.of("SASAC")),
          Map.entry("CNIPA", List.of("CNIPA", "National Intellectual Property Administration")),
          Map.entry("GACC", List.of("GACC", "General Administration of Customs")),
          Map.entry("NDA", List.of("National Data Administration")),
          Map.entry("NPC", List.of("NPC", "National People's Congress")),
          Map.entry("Ministry of Education", List.of("Ministry of Education")),
          Map.entry("PBOC", List.of("PBOC", "People's Bank of China")));
}
