package eu.sectoralerts.workload;

import java.util.List;
import java.util.Locale;

/**
 * Words the generated tagged items are written with and the generated watchlists look for: the
 * specific things briefings name (products and technologies, places, policy instruments, companies,
 * issuing bodies), so that a keyword or a name is found in a few items, not in all of them. Written
 * for the benchmark.
 */
final class Vocabulary {

  private Vocabulary() {}

  /** Products and technologies, roughly from the most to the least often named. */
  static final List<String> THINGS =
      List.of(
          "solar modules",
          "electric buses",
          "power semiconductors",
          "lithium carbonate",
          "charging stations",
          "medical imaging equipment",
          "container ships",
          "high-speed trains",
          "rare earth magnets",
          "polysilicon",
          "heat pumps",
          "electrolysers",
          "silicon carbide",
          "gallium nitride",
          "lidar sensors",
          "sodium-ion batteries",
          "solid-state batteries",
          "perovskite cells",
          "offshore wind farms",
          "pumped hydro storage",
          "ultra-high-voltage lines",
          "smart meters",
          "grid-scale storage",
          "green hydrogen",
          "carbon capture",
          "biosimilars",
          "generic medicines",
          "monoclonal antibodies",
          "cell therapies",
          "mRNA vaccines",
          "surgical robots",
          "dialysis machines",
          "ventilators",
          "ultrasound scanners",
          "in-vitro diagnostics",
          "contrast agents",
          "orthopaedic implants",
          "cardiac stents",
          "regional jets",
          "helicopter engines",
          "aircraft leasing",
          "cargo drones",
          "eVTOL aircraft",
          "satellite launches",
          "navigation satellites",
          "ground stations",
          "subway cars",
          "signalling systems",
          "freight wagons",
          "maglev lines",
          "bogies",
          "port cranes",
          "cold-chain warehouses",
          "express parcels",
          "rail freight corridors",
          "inland waterways",
          "autonomous trucks",
          "robotaxis",
          "battery swapping",
          "hybrid powertrains",
          "in-car software",
          "automotive chips",
          "wiring harnesses",
          "tyre plants",
          "memory chips",
          "logic chips",
          "mature-node foundries",
          "advanced packaging",
          "photoresists",
          "lithography tools",
          "etching equipment",
          "wafer fabs",
          "chip design software",
          "RISC-V cores",
          "AI accelerators",
          "large language models",
          "open-source models",
          "facial recognition",
          "cloud gaming",
          "payment apps",
          "enterprise resource planning",
          "cybersecurity products",
          "quantum computers",
          "fibre-optic cables",
          "optical transceivers",
          "6G trials",
          "satellite internet",
          "submarine cables",
          "smart phones",
          "tablet computers",
          "servers",
          "routers",
          "specialty chemicals",
          "engineering plastics",
          "carbon fibre",
          "titanium sponge",
          "aluminium ingots",
          "steel plate",
          "graphite anodes",
          "cathode materials",
          "electrolyte solvents",
          "fluorochemicals",
          "fertilisers",
          "coal chemicals",
          "refinery capacity",
          "ethylene crackers",
          "tungsten",
          "antimony",
          "germanium",
          "magnesium",
          "cobalt",
          "nickel",
          "vanadium",
          "precision reducers",
          "servo motors",
          "CNC lathes",
          "five-axis machining centres",
          "industrial lasers",
          "bearings",
          "hydraulic pumps",
          "excavators",
          "tunnel boring machines",
          "tower cranes",
          "agricultural drones",
          "textile machinery",
          "injection moulding machines",
          "3D printers",
          "humanoid robots",
          "collaborative robots",
          "machine vision",
          "warehouse automation",
          "nuclear reactors",
          "small modular reactors",
          "LNG terminals",
          "gas turbines",
          "coal power plants",
          "transmission towers",
          "transformers");

  /** Chinese provinces and cities. */
  static final List<String> PLACES =
      List.of(
          "Shenzhen",
          "Shanghai",
          "Hefei",
          "Wuhan",
          "Chengdu",
          "Chongqing",
          "Suzhou",
          "Hangzhou",
          "Xi'an",
          "Tianjin",
          "Guangzhou",
          "Ningbo",
          "Qingdao",
          "Xiamen",
          "Dalian",
          "Shenyang",
          "Changsha",
          "Zhengzhou",
          "Nanjing",
          "Wuxi",
          "Changzhou",
          "Dongguan",
          "Foshan",
          "Hainan",
          "Xinjiang",
          "Inner Mongolia",
          "Guangxi",
          "Yunnan",
          "Sichuan",
          "Jiangsu",
          "Zhejiang",
          "Guangdong",
          "Shandong",
          "Fujian",
          "Anhui",
          "Hubei",
          "Hunan",
          "Henan",
          "Hebei",
          "Shanxi",
          "Shaanxi",
          "Jilin",
          "Heilongjiang",
          "Liaoning",
          "Gansu",
          "Guizhou",
          "Jiangxi",
          "Ningxia",
          "Qinghai",
          "Tibet");

  /** Policy instruments and programmes. */
  static final List<String> INSTRUMENTS =
      List.of(
          "export licensing regime",
          "unreliable entity list",
          "anti-dumping investigation",
          "countervailing duties",
          "data export security assessment",
          "personal information rules",
          "cybersecurity review",
          "negative list for foreign investment",
          "pilot free trade zone",
          "trade-in programme",
          "equipment renewal campaign",
          "special treasury bonds",
          "local government special bonds",
          "green finance guidelines",
          "first-set equipment insurance",
          "little giant firms programme",
          "national integrated circuit fund",
          "government procurement rules",
          "volume-based procurement",
          "medical insurance price talks",
          "clinical trial approvals",
          "type approval rules",
          "energy efficiency standards",
          "carbon emissions trading",
          "capacity replacement rules",
          "mineral export quotas",
          "dual-use items list",
          "technology export catalogue",
          "foreign investment security review",
          "self-sufficiency targets",
          "innovation centre network",
          "industrial internet action plan",
          "computing power network",
          "low-altitude economy plan",
          "new infrastructure programme",
          "rural revitalisation funds",
          "common prosperity agenda",
          "dual circulation strategy",
          "Belt and Road projects",
          "Greater Bay Area plan");

  /** Chinese companies. */
  static final List<String> CHINESE_FIRMS =
      List.of(
          "CATL",
          "BYD",
          "Huawei",
          "SMIC",
          "Hua Hong",
          "Naura",
          "Goldwind",
          "Mingyang",
          "LONGi",
          "Tongwei",
          "JinkoSolar",
          "Trina Solar",
          "Sungrow",
          "CRRC",
          "COMAC",
          "Sany",
          "XCMG",
          "Zoomlion",
          "Midea",
          "Haier",
          "Xiaomi",
          "Geely",
          "Great Wall Motor",
          "Chery",
          "SAIC",
          "NIO",
          "XPeng",
          "Li Auto",
          "Baidu",
          "Alibaba",
          "Tencent",
          "iFlytek",
          "Hikvision",
          "ZTE",
          "China Mobile",
          "Sinopec",
          "CNOOC",
          "Baowu",
          "Ganfeng Lithium",
          "Tianqi Lithium",
          "Mindray",
          "United Imaging",
          "WuXi AppTec",
          "Hengrui",
          "DJI",
          "Unitree",
          "Inovance",
          "Estun",
          "COSCO",
          "SF Express");

  /** European companies. */
  static final List<String> EUROPEAN_FIRMS =
      List.of(
          "Siemens",
          "BASF",
          "Volkswagen",
          "Airbus",
          "Nokia",
          "Ericsson",
          "Philips",
          "Bosch",
          "ASML",
          "Infineon",
          "STMicroelectronics",
          "NXP",
          "BMW",
          "Mercedes-Benz",
          "Renault",
          "Stellantis",
          "Volvo Cars",
          "Alstom",
          "Knorr-Bremse",
          "Schneider Electric",
          "ABB",
          "Vestas",
          "Siemens Gamesa",
          "Novartis",
          "Roche",
          "Sanofi",
          "Bayer",
          "Merck KGaA",
          "AstraZeneca",
          "Novo Nordisk",
          "Zeiss",
          "Trumpf",
          "Kuka",
          "Schaeffler",
          "Continental",
          "Michelin",
          "Valeo",
          "Maersk",
          "DHL",
          "Lufthansa",
          "SAP",
          "Dassault Systemes",
          "Thales",
          "Safran",
          "Covestro",
          "Evonik",
          "Air Liquide",
          "Linde",
          "Solvay",
          "Umicore");

  /** Issuing bodies, by their usual short names. */
  static final List<String> BODIES =
      List.of(
          "State Council",
          "NDRC",
          "MIIT",
          "MOFCOM",
          "MOF",
          "CAC",
          "SAMR",
          "NEA",
          "NHC",
          "NMPA",
          "CAAC",
          "SASAC",
          "CNIPA",
          "GACC",
          "PBOC",
          "CSRC",
          "MEE",
          "MOT",
          "MOST",
          "NDA");

  /** Syllables of Chinese company brands ("Xinrui", "Huatai"). */
  private static final List<String> SYLLABLES =
      List.of(
          "Xin", "Hua", "Rui", "Tai", "Heng", "Sheng", "Long", "Kai", "Jia", "Feng", "Tian", "Yuan",
          "Hong", "Jin", "Bao", "Cheng", "Ming", "Guang", "Zhong", "Wei", "Yi", "Da", "An", "De");

  /** What Chinese companies make, as their names say. */
  private static final List<String> TRADES =
      List.of(
          "Materials",
          "Precision",
          "New Energy",
          "Electronics",
          "Machinery",
          "Pharmaceutical",
          "Technology",
          "Chemical",
          "Auto Parts",
          "Semiconductor",
          "Robotics",
          "Optics",
          "Medical",
          "Logistics");

  /** Family names European firms carry. */
  private static final List<String> FAMILIES =
      List.of(
          "Keller",
          "Brandt",
          "Moretti",
          "Lindqvist",
          "Janssen",
          "Dubois",
          "Novak",
          "Fischer",
          "Rossi",
          "Berg",
          "Laurent",
          "Kowalski",
          "Nielsen",
          "Weber",
          "Costa",
          "Hoffmann",
          "Vogel",
          "Marchetti",
          "Svensson",
          "Haas");

  private static final List<String> FIELDS =
      List.of(
          "Hydraulics",
          "Automation",
          "Optics",
          "Pharma",
          "Composites",
          "Sensors",
          "Drives",
          "Medical",
          "Systems",
          "Components");

  private static final List<String> LEGAL_FORMS =
      List.of("GmbH", "AG", "S.p.A.", "SA", "BV", "AB", "Oy", "SE");

  /**
   * Mid-sized Chinese companies, like "Hefei Xinrui Materials": 3,000 names that items name (a few
   * often, most rarely) and watchlists follow.
   */
  static final List<String> CHINESE_SUPPLIERS = chineseSuppliers(3000, 99);

  /** Mid-sized European companies, like "Keller Hydraulics GmbH": 200 names. */
  static final List<String> EUROPEAN_SUPPLIERS = europeanSuppliers();

  /** The two halves of company names that no item mentions (watchlists name them too). */
  static final List<String> UNKNOWN_FIRST =
      List.of(
          "Norland",
          "Vexa",
          "Brightwater",
          "Kallisto",
          "Orrin",
          "Meridian",
          "Tessaro",
          "Halvard",
          "Quillon",
          "Sorvik",
          "Amberline",
          "Castellan",
          "Dunmore",
          "Everhold",
          "Fjordan",
          "Grantham",
          "Ironvale",
          "Lumaris",
          "Marrow",
          "Ostrava");

  static final List<String> UNKNOWN_SECOND =
      List.of(
          "Components",
          "Holdings",
          "Industries",
          "Precision",
          "Materials",
          "Systems",
          "Pharma",
          "Logistics",
          "Energy",
          "Robotics",
          "Optics",
          "Foods",
          "Textiles",
          "Mobility",
          "Chemie");

  private static List<String> chineseSuppliers(int count, long seed) {
    java.util.Random random = new java.util.Random(seed);
    java.util.Set<String> names = new java.util.LinkedHashSet<>();
    while (names.size() < count) {
      String first = SYLLABLES.get(random.nextInt(SYLLABLES.size()));
      String second = SYLLABLES.get(random.nextInt(SYLLABLES.size())).toLowerCase(Locale.ROOT);
      if (first.equalsIgnoreCase(second)) {
        continue;
      }
      String place = random.nextBoolean() ? PLACES.get(random.nextInt(PLACES.size())) + " " : "";
      names.add(place + first + second + " " + TRADES.get(random.nextInt(TRADES.size())));
    }
    return List.copyOf(names);
  }

  private static List<String> europeanSuppliers() {
    List<String> names = new java.util.ArrayList<>();
    for (int f = 0; f < FAMILIES.size(); f++) {
      for (int d = 0; d < FIELDS.size(); d++) {
        names.add(
            FAMILIES.get(f)
                + " "
                + FIELDS.get(d)
                + " "
                + LEGAL_FORMS.get((f * 7 + d * 3) % LEGAL_FORMS.size()));
      }
    }
    return List.copyOf(names);
  }

  /** Words too general to look for alone: a prefix query is cut from another word of a thing. */
  static final java.util.Set<String> GENERIC =
      java.util.Set.of(
          "equipment",
          "machines",
          "machinery",
          "stations",
          "systems",
          "software",
          "services",
          "vehicles",
          "factories",
          "robots",
          "batteries",
          "modules",
          "plants",
          "centres",
          "capacity",
          "materials",
          "products",
          "components",
          "lines",
          "computers",
          "chips",
          "satellites",
          "storage",
          "programme");

  /** General words of policy news, found in many items; watchlists combine them with rarer ones. */
  static final List<String> COMMON_WORDS =
      List.of(
          "export",
          "subsid*",
          "sanction*",
          "tariff*",
          "localization",
          "procurement",
          "antitrust",
          "security",
          "standards",
          "cooperation",
          "capacity",
          "investment*");
}
