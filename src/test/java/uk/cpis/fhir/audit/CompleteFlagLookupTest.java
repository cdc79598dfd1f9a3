package uk.cpis.fhir.audit;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.util.UrlUtil;
import org.hl7.fhir.r4.model.Bundle;
import org.junit.jupiter.api.Test;

/** When a response shows every Flag of the child looked up, so the notification need not query them again. */
class CompleteFlagLookupTest {

    private static final String NHS = "patient.identifier=https://fhir.nhs.uk/Id/nhs-number%7C9434765919";
    private static final String GUIDE = NHS + "&_include=Flag:author&_include=Flag:subject&_include=Flag:detail";

    private static boolean complete(String query, Bundle response) {
        return CompleteFlagLookup.holdsEveryFlag(RestOperationTypeEnum.SEARCH_TYPE, "Flag",
                UrlUtil.parseQueryString(query), response);
    }

    private static Bundle onePage() {
        return new Bundle().setType(Bundle.BundleType.SEARCHSET);
    }

    private static Bundle withNextPage() {
        Bundle bundle = onePage();
        bundle.addLink().setRelation(Bundle.LINK_NEXT).setUrl("http://x/fhir/Flag?" + NHS + "&_offset=1");
        return bundle;
    }

    @Test
    void theGuidesLookupOnOnePageShowsEveryFlag() {
        assertThat(complete(GUIDE, onePage())).isTrue();
        assertThat(complete(GUIDE + "&_offset=0&_count=20&_format=json", onePage())).isTrue();
    }

    @Test
    void aLookupWithMorePagesDoesNot() {
        assertThat(complete(GUIDE + "&_count=1", withNextPage())).isFalse();
        assertThat(complete(GUIDE + "&_offset=1", onePage())).isFalse();
    }

    @Test
    void aLookupWithoutThePlansIncludedDoesNot() {
        assertThat(complete(NHS + "&_include=Flag:author", onePage())).isFalse();
    }

    @Test
    void anythingThatFiltersOrTrimsDoesNot() {
        assertThat(complete(GUIDE + "&_elements=code", onePage())).isFalse();
        assertThat(complete(GUIDE + "&_summary=true", onePage())).isFalse();
        assertThat(complete(GUIDE + "&date=ge2025-01-01", onePage())).isFalse();
        assertThat(complete(GUIDE + "&identifier=https://fhir.cpis.uk/Id/local-authority-plan%7CCPP-1", onePage())).isFalse();
    }

    @Test
    void moreThanOneChildOrNoneDoesNot() {
        assertThat(complete(GUIDE.replace("9434765919", "9434765919,9434765870"), onePage())).isFalse();
        assertThat(complete(GUIDE + "&subject.identifier=https://fhir.nhs.uk/Id/nhs-number%7C9434765870", onePage())).isFalse();
        assertThat(complete("_include=Flag:detail", onePage())).isFalse();
    }

    @Test
    void otherInteractionsAndTypesDoNot() {
        assertThat(CompleteFlagLookup.holdsEveryFlag(RestOperationTypeEnum.SEARCH_TYPE, "EpisodeOfCare",
                UrlUtil.parseQueryString(GUIDE), onePage())).isFalse();
        assertThat(CompleteFlagLookup.holdsEveryFlag(RestOperationTypeEnum.TRANSACTION, "Flag",
                UrlUtil.parseQueryString(GUIDE), onePage())).isFalse();
        assertThat(CompleteFlagLookup.holdsEveryFlag(RestOperationTypeEnum.SEARCH_TYPE, "Flag",
                UrlUtil.parseQueryString(GUIDE), null)).isFalse();
    }
}
