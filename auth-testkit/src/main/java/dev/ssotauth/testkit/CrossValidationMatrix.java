package dev.ssotauth.testkit;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * The N×N cross-validation matrix of a system, diagonal included: cell (i, j) says whether a token
 * minted by component i for a subject is accepted by component j as that same subject. Made by
 * {@link FragmentationAssertions#crossValidationMatrix(List)}; {@link #toString()} is the table and
 * the summary that {@link FragmentationAssertions#assertCrossValidation(List)} fails with, so it can
 * go into a report as it is.
 *
 * <p>Immutable and thread-safe.
 */
public final class CrossValidationMatrix {

    /** What happened in one cell. */
    enum Cell {
        ACCEPTED("ok"),
        REJECTED("rejected"),
        OTHER_SUBJECT("other-subject"),
        MINT_FAILED("mint-failed");

        final String label;

        Cell(String label) {
            this.label = label;
        }
    }

    private static final String CORNER = "minted by \\ accepted by";

    private final List<String> components;
    private final Cell[][] cells;
    private final int successful;

    CrossValidationMatrix(List<String> components, Cell[][] cells) {
        this.components = List.copyOf(components);
        this.cells = new Cell[cells.length][];
        int ok = 0;
        for (int i = 0; i < cells.length; i++) {
            this.cells[i] = cells[i].clone();
            for (Cell cell : cells[i]) {
                if (cell == Cell.ACCEPTED) {
                    ok++;
                }
            }
        }
        this.successful = ok;
    }

    /**
     * The component names, in the order of the rows and columns.
     *
     * @return an unmodifiable list
     */
    public List<String> components() {
        return components;
    }

    /**
     * Whether the token minted by component {@code minter} was accepted by component
     * {@code validator} with the same subject.
     *
     * @param minter    row index
     * @param validator column index
     * @return whether that cross-validation succeeded
     * @throws IndexOutOfBoundsException if an index is out of range
     */
    public boolean accepted(int minter, int validator) {
        Objects.checkIndex(minter, components.size());
        Objects.checkIndex(validator, components.size());
        return cells[minter][validator] == Cell.ACCEPTED;
    }

    /**
     * How many cross-validations were tried: N × N.
     *
     * @return the total
     */
    public int total() {
        return components.size() * components.size();
    }

    /**
     * How many cross-validations succeeded.
     *
     * @return the count
     */
    public int successful() {
        return successful;
    }

    /**
     * The share of successful cross-validations, in percent (0 to 100).
     *
     * @return the success rate
     */
    public double successRate() {
        return Percent.value(successful, total());
    }

    /**
     * Whether every component accepts every other component's tokens: the system is not fragmented.
     *
     * @return {@code successful() == total()}
     */
    public boolean isComplete() {
        return successful == total();
    }

    /**
     * The table (rows: the minting component; columns: the validating one; cells {@code ok},
     * {@code rejected}, {@code other-subject} or {@code mint-failed}) followed by the summary in the
     * origin report's words: total cross-validations, successful validations, success rate.
     *
     * @return the table and summary, lines separated by {@code \n}
     */
    @Override
    public String toString() {
        List<List<String>> rows = new ArrayList<>();
        List<String> header = new ArrayList<>();
        header.add(CORNER);
        header.addAll(components);
        rows.add(header);
        for (int i = 0; i < components.size(); i++) {
            List<String> row = new ArrayList<>();
            row.add(components.get(i));
            for (Cell cell : cells[i]) {
                row.add(cell.label);
            }
            rows.add(row);
        }
        int columns = header.size();
        int[] widths = new int[columns];
        for (List<String> row : rows) {
            for (int c = 0; c < columns; c++) {
                widths[c] = Math.max(widths[c], row.get(c).length());
            }
        }
        StringBuilder out = new StringBuilder();
        for (List<String> row : rows) {
            StringBuilder line = new StringBuilder("  ");
            for (int c = 0; c < columns; c++) {
                line.append(row.get(c));
                if (c < columns - 1) {
                    line.append(String.join("", Collections.nCopies(widths[c] - row.get(c).length() + 2, " ")));
                }
            }
            out.append(line).append('\n');
        }
        out.append("Total cross-validations: ").append(total()).append('\n');
        out.append("Successful validations: ").append(successful).append('\n');
        out.append("Success rate: ").append(Percent.of(successful, total()));
        return out.toString();
    }
}
