package org.tradeoffs.auditchain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HashChainTest {

    static final String STORED_PAYLOAD = """
            {"priorityId":"p-1","cycleId":"c-1","districtId":"d-1",
             "details":{"title":"K-5 literacy","estimatedAnnualCost":1250000.00},"actor":"designer"}""";
    static final AuditRecord PROPOSED = AuditRecord.ofStored(12, "2027-03-01T16:20:00Z",
            "org.tradeoffs.events.priority.PriorityProposed", STORED_PAYLOAD);

    @Test
    void theCanonicalFormHasSortedMembersTheActorFromThePayloadAndNoWhitespace() {
        assertThat(PROPOSED.actor()).isEqualTo("designer");
        assertThat(PROPOSED.canonical()).isEqualTo("{\"actor\":\"designer\",\"payload\":{\"actor\":\"designer\","
                + "\"cycleId\":\"c-1\",\"details\":{\"estimatedAnnualCost\":1250000.00,\"title\":\"K-5 literacy\"},"
                + "\"districtId\":\"d-1\",\"priorityId\":\"p-1\"},\"position\":12,\"time\":\"2027-03-01T16:20:00Z\","
                + "\"type\":\"org.tradeoffs.events.priority.PriorityProposed\"}");
    }

    @Test
    void theHashIsSha256HexOfThePreviousHashANewlineAndTheCanonicalForm() {
        // computed independently: printf '%s\n%s' "$(printf '0%.0s' {1..64})" "$CANONICAL" | sha256sum
        assertThat(HashChain.link(HashChain.GENESIS, PROPOSED))
                .isEqualTo("17b8677981afa05a40427e2fe7af68e4783eca78eb5f4888b82c72cd57d6be8b");
        assertThat(HashChain.GENESIS).hasSize(64).matches("0+");
    }

    @Test
    void everySealedFieldAndThePreviousHashChangeTheHash() {
        String hash = HashChain.link(HashChain.GENESIS, PROPOSED);
        AuditRecord p = PROPOSED;

        assertThat(java.util.List.of(
                HashChain.link(hash, p),
                HashChain.link(HashChain.GENESIS, new AuditRecord(13, p.time(), p.actor(), p.type(), p.payload())),
                HashChain.link(HashChain.GENESIS, new AuditRecord(12, "2027-03-01T16:20:01Z", p.actor(), p.type(), p.payload())),
                HashChain.link(HashChain.GENESIS, new AuditRecord(12, p.time(), "steering", p.type(), p.payload())),
                HashChain.link(HashChain.GENESIS, new AuditRecord(12, p.time(), null, p.type(), p.payload())),
                HashChain.link(HashChain.GENESIS, new AuditRecord(12, p.time(), p.actor(), "PriorityApproved", p.payload())),
                HashChain.link(HashChain.GENESIS, new AuditRecord(12, p.time(), p.actor(), p.type(),
                        p.payload().replace("1250000.00", "1250000.01")))))
                .doesNotContain(hash).doesNotHaveDuplicates();
    }

    @Test
    void whitespaceAndMemberOrderOfTheStoredPayloadDoNotChangeTheHash() {
        AuditRecord reordered = AuditRecord.ofStored(12, "2027-03-01T16:20:00Z",
                "org.tradeoffs.events.priority.PriorityProposed", """
                        {"actor": "designer", "details": {"estimatedAnnualCost": 1250000.00, "title": "K-5 literacy"},
                         "districtId": "d-1", "cycleId": "c-1", "priorityId": "p-1"}""");

        assertThat(HashChain.link(HashChain.GENESIS, reordered)).isEqualTo(HashChain.link(HashChain.GENESIS, PROPOSED));
    }

    @Test
    void aMissingEventHasANullPayload() {
        AuditRecord missing = AuditRecord.ofStored(12, null, null, null);

        assertThat(missing.canonical()).isEqualTo(
                "{\"actor\":null,\"payload\":null,\"position\":12,\"time\":null,\"type\":null}");
    }
}
