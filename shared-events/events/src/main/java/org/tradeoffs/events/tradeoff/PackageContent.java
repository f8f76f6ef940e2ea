package org.tradeoffs.events.tradeoff;

import java.util.List;

/** A tradeoff package as drafted: stated in full by the draft and by each revision. */
public record PackageContent(String title, String narrative, List<Investment> investments, List<Funding> funding,
                             List<String> consideredInputs) {
}
