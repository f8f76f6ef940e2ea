package org.tradeoffs.events.input;

import java.time.LocalDate;
import java.util.List;

/**
 * What a piece of stakeholder input says, stated in full by a recording and by each correction.
 * It summarises what a group said; it never holds anyone's contact data.
 *
 * @param respondents how many people the input represents (e.g. 1,165 survey submissions)
 */
public record InputContent(StakeholderGroup group, InputChannel channel, LocalDate receivedOn, String summary,
                           int respondents, List<InputLink> links) {
}
