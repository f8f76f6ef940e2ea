package org.tradeoffs.query.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.bson.Document;
import org.bson.types.Symbol;
import org.junit.jupiter.api.Test;
import org.tradeoffs.auditchain.Filing;

class StoredEventTest {

    static Document entry(long position, String payload) {
        return new Document("position", position).append("timestamp", "2027-03-01T16:20:00Z")
                .append("payloadType", "org.tradeoffs.events.district.MemberRoleGranted").append("payload", payload);
    }

    @Test
    void readsTheEventAtAPositionOfAMultiEventCommitWithItsDistrict() {
        Document commit = new Document("_id", 12L).append("first", 11L).append("events", List.of(
                entry(11, "{\"districtId\":\"d-1\",\"actor\":\"admin\"}"),
                entry(12, "{\"districtId\":\"d-2\",\"actor\":\"steering\"}")));

        StoredEvent event = StoredEvent.in(commit, 12).orElseThrow();

        assertThat(event.commit()).isEqualTo(12);
        assertThat(event.districtId()).isEqualTo("d-2");
        assertThat(event.record().actor()).isEqualTo("steering");
    }

    @Test
    void aPositionClaimedTwiceInOneCommitCountsAsMissing() {
        Document commit = new Document("_id", 12L).append("events", List.of(
                entry(12, "{\"districtId\":\"d-1\",\"actor\":\"admin\"}"),
                entry(12, "{\"districtId\":\"d-1\",\"actor\":\"intruder\"}")));

        assertThat(StoredEvent.in(commit, 12)).isEmpty();
    }

    @Test
    void aCommitWhoseEventsAreNoLongerAListHoldsNothing() {
        assertThat(StoredEvent.in(new Document("_id", 12L).append("events", "gone"), 12)).isEmpty();
        assertThat(StoredEvent.in(new Document("_id", 12L).append("events", List.of()), 12)).isEmpty();
    }

    @Test
    void anEventWithoutADistrictBelongsToNoChain() {
        Document commit = new Document("_id", 3L).append("events", List.of(entry(3, "{\"actor\":\"system\"}")));

        assertThat(StoredEvent.in(commit, 3).orElseThrow().districtId()).isNull();
    }

    @Test
    void theFilingIsReadFromTheEntryAndItsCommitAndAChangedTypeOfATagOrSequenceNumberShows() {
        Document entry = entry(12, "{\"districtId\":\"d-1\",\"actor\":\"admin\"}")
                .append("payloadRevision", "2").append("aggregateType", "District")
                .append("aggregateIdentifier", "d-1").append("sequenceNumber", 4L)
                .append("tags", List.of("directory", "district:d-1"));
        Document commit = new Document("_id", 12L).append("committedAt", "2027-03-01T16:20:00.004000000Z")
                .append("events", List.of(entry));

        StoredEvent event = StoredEvent.in(commit, 12).orElseThrow();
        Filing filing = event.filing();
        entry.put("sequenceNumber", 4);
        entry.put("tags", List.of("directory", new Symbol("district:d-1")));
        Filing retyped = StoredEvent.in(commit, 12).orElseThrow().filing();

        assertThat(filing).isEqualTo(new Filing("2", "District", "d-1", 4, List.of("directory", "district:d-1"),
                "2027-03-01T16:20:00.004000000Z"));
        assertThat(event.record(1).filing()).isNull();
        assertThat(event.record(2).filing()).isEqualTo(filing);
        assertThat(retyped.sequence()).isEqualTo(-1);
        assertThat(retyped.tags()).containsExactly("directory", "(Symbol) district:d-1");
    }
}
