package org.tradeoffs.command.savings;

/**
 * The answer to a sizing: the sizing's id, the opportunity's version and position as in every write,
 * and the savings range the server computed (annual USD, exact, as strings like {@code "380000.00"}).
 */
public record SizingReceipt(String id, long version, Long position, String low, String high) {
}
