package uk.cpis.fhir.logging;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RequestLineRedactorTest {

    @Test
    void masksIdentifyingQueryValuesAndKeepsPagingOnes() {
        String line = RequestLineRedactor.redact(
                "/fhir/Flag",
                "patient.identifier=https%3A%2F%2Ffhir.nhs.uk%2FId%2Fnhs-number%7C9434765919&_count=10&_include=Flag:author");

        assertThat(line).isEqualTo("/fhir/Flag?patient.identifier=***&_count=10&_include=Flag:author");
    }

    @Test
    void masksAnNhsNumberUsedAsAResourceId() {
        assertThat(RequestLineRedactor.redact("/fhir/Patient/nhs-9434765919/_history/2", null))
                .isEqualTo("/fhir/Patient/nhs-***/_history/2");
    }

    @Test
    void keepsShortNumericIdsAndLongerNumbers() {
        assertThat(RequestLineRedactor.redact("/fhir/Flag/1052", "_getpagesoffset=12345678901"))
                .isEqualTo("/fhir/Flag/1052?_getpagesoffset=12345678901");
    }

    @Test
    void masksAnNhsNumberEvenInASafeParameter() {
        assertThat(RequestLineRedactor.redact("/fhir/Flag", "_sort=9434765919"))
                .isEqualTo("/fhir/Flag?_sort=***");
    }
}
