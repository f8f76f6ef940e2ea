package org.tradeoffs.benchmark;

/**
 * One benchmark section, run by name ({@code ./run.sh benchmark <name>}): it sets up what it measures, measures,
 * and adds its rows to the results. Sections share nothing but the options and the table, so a new one (live
 * collaboration: commands/s, STOMP latency) is one more class listed in {@link Benchmark}.
 */
public interface Section {

    /** The argument that selects it. */
    String name();

    /** One line for the usage text. */
    String description();

    void run(Options options, Results results) throws Exception;
}
