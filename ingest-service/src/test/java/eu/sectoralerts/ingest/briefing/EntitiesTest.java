package eu.sectoralerts.ingest.briefing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EntitiesTest {

  @Test
  void shouldNameBodiesByTheirShortNameInOrderOfMention() {
    assertThat(
            Entities.bodies(
                "The Ministry of Finance and the Central Committee of the CPC back a plan of the"
                    + " NDRC"))
        .containsExactly("MOF", "CCP Central Committee", "NDRC");
    assertThat(Entities.bodies("The Shanghai Municipal Transport Commission (SMTC) sets fares"))
        .containsExactly("SMTC");
    assertThat(Entities.bodies("A carmaker cuts prices")).isEmpty();
  }

  @Test
  void shouldCanonicaliseAnIssuingBodyField() {
    assertThat(Entities.canonicalBody("Ministry of Commerce")).isEqualTo("MOFCOM");
    assertThat(Entities.canonicalBody("National Energy Administration (NEA)")).isEqualTo("NEA");
    assertThat(Entities.canonicalBody("Guangdong Provincial Energy Bureau"))
        .isEqualTo("Guangdong Provincial Energy Bureau");
  }

  @Test
  void shouldShortenSpelledOutBodies() {
    assertThat(Entities.abbreviate("The Civil Aviation Administration of China (CAAC) approves"))
        .isEqualTo("CAAC approves");
  }

  @Test
  void shouldFindCompaniesTheWayNewsIntroducesThem() {
    assertThat(
            Entities.companies(
                "Drone maker Skyward Dynamics signs a deal with French Airspan, while Japan's"
                    + " Kirin Optics and companies like Lumio and Brightlane watch",
                false))
        .containsExactly("Skyward Dynamics", "Airspan", "Kirin Optics", "Lumio", "Brightlane");
    assertThat(Entities.companies("Harbin Turbine Group wins a contract", true))
        .containsExactly("Harbin Turbine Group");
    assertThat(Entities.companies("Northstar Cables announces a new plant in Hubei", true))
        .containsExactly("Northstar Cables");
  }

  @Test
  void shouldNotTakePlacesBodiesOrPluralsForCompanies() {
    assertThat(
            Entities.companies(
                "Robot vendors expand as the Italian Chamber of Commerce in China releases a poll"
                    + " on Storage and Computing Technologies",
                true))
        .isEmpty();
  }
}
