package org.tradeoffs.contract;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The audit verification answer and the lines of an audit export. */
class AuditSchemasTest {

    private static final String HASH = "17b8677981afa05a40427e2fe7af68e4783eca78eb5f4888b82c72cd57d6be8b";
    private static final String GENESIS = "0".repeat(64);

    private final Contract contract = Contract.load();

    @Test
    void anIntactVerificationHasNoBadPositionAndNoReason() {
        assertThat(contract.validate("audit-verification", """
                {"intact": true, "checked": 3, "firstBadPosition": null, "reason": null,
                 "head": {"position": 9, "hash": "%s"}}""".formatted(HASH))).isEmpty();
        assertThat(contract.validate("audit-verification", """
                {"intact": true, "checked": 3, "firstBadPosition": 4, "reason": null,
                 "head": {"position": 9, "hash": "%s"}}""".formatted(HASH))).isNotEmpty();
    }

    @Test
    void aBrokenVerificationNamesThePositionAndTheReason() {
        assertThat(contract.validate("audit-verification", """
                {"intact": false, "checked": 3, "firstBadPosition": 4, "reason": "changed",
                 "head": {"position": 9, "hash": "%s"}}""".formatted(HASH))).isEmpty();
        assertThat(contract.validate("audit-verification", """
                {"intact": false, "checked": 3, "firstBadPosition": null, "reason": "changed",
                 "head": {"position": 9, "hash": "%s"}}""".formatted(HASH))).isNotEmpty();
    }

    @Test
    void anEmptyChainHasTheGenesisHeadAndAHashIsLowerCaseHex() {
        assertThat(contract.validate("audit-verification", """
                {"intact": true, "checked": 0, "firstBadPosition": null, "reason": null,
                 "head": {"position": 0, "hash": "%s"}}""".formatted(GENESIS))).isEmpty();
        assertThat(contract.validate("audit-verification", """
                {"intact": true, "checked": 0, "firstBadPosition": null, "reason": null,
                 "head": {"position": 0, "hash": "%s"}}""".formatted(HASH.toUpperCase()))).isNotEmpty();
    }

    @Test
    void anExportLineIsASealedEventOrTheHead() {
        assertThat(contract.validate("audit-export-line", """
                {"position":12,"time":"2027-03-01T16:20:00.123456Z","actor":"designer",\
                "type":"org.tradeoffs.events.priority.PriorityProposed","payload":{"actor":"designer"},\
                "previousHash":"%s","hash":"%s"}""".formatted(GENESIS, HASH))).isEmpty();
        assertThat(contract.validate("audit-export-line", """
                {"position":12,"time":null,"actor":null,"type":null,"payload":null,"previousHash":"%s","hash":"%s"}"""
                .formatted(GENESIS, HASH))).as("a sealed event no longer stored").isEmpty();
        assertThat(contract.validate("audit-export-line", """
                {"head":{"position":12,"hash":"%s","count":1}}""".formatted(HASH))).isEmpty();
    }

    @Test
    void aLineOfFormatTwoHasTheFormatAndEveryMemberOfTheFilingOrNoneOfThem() {
        String filing = """
                "format":2,"revision":"2","aggregateType":"Priority","aggregateId":"p-1","sequence":0,\
                "tags":["cycle:c-1","district:d-1"],"committedAt":"2027-03-01T16:20:00.123000000Z\"""";
        String line = """
                {"position":12,"time":"2027-03-01T16:20:00.123456Z","actor":"designer",\
                "type":"org.tradeoffs.events.priority.PriorityProposed","payload":{"actor":"designer"},%s,\
                "previousHash":"%s","hash":"%s"}""";

        assertThat(contract.validate("audit-export-line", line.formatted(filing, GENESIS, HASH))).isEmpty();
        assertThat(contract.validate("audit-export-line",
                line.formatted(filing.replace("\"format\":2,", ""), GENESIS, HASH))).as("no format").isNotEmpty();
        assertThat(contract.validate("audit-export-line",
                line.formatted(filing.replace(",\"sequence\":0", ""), GENESIS, HASH))).as("no sequence").isNotEmpty();
        assertThat(contract.validate("audit-export-line",
                line.formatted(filing.replace("\"format\":2", "\"format\":3"), GENESIS, HASH))).isNotEmpty();
    }

    @Test
    void anExportLineWithAnythingElseIsRefused() {
        assertThat(contract.validate("audit-export-line", """
                {"position":12,"time":"2027-03-01T16:20:00Z","actor":"designer","type":"X","payload":{},\
                "previousHash":"%s","hash":"%s","note":"x"}""".formatted(GENESIS, HASH))).isNotEmpty();
        assertThat(contract.validate("audit-export-line", """
                {"head":{"position":12,"hash":"%s"}}""".formatted(HASH))).isNotEmpty();
    }
}
