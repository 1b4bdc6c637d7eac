package io.vigil.gateway.state;

/**
 * A Redis stream id ({@code <millis>-<n>}) used as the position in a tenant's event history; ids
 * are totally ordered, so "everything after what I saw" is well defined.
 */
record Seq(long millis, long n) implements Comparable<Seq> {

    static Seq parse(String id) {
        int dash = id.indexOf('-');
        try {
            return dash < 0
                    ? new Seq(Long.parseLong(id), 0)
                    : new Seq(Long.parseLong(id.substring(0, dash)), Long.parseLong(id.substring(dash + 1)));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a resume position: '" + id + "' (expected <millis>-<n>)");
        }
    }

    @Override
    public int compareTo(Seq o) {
        int c = Long.compare(millis, o.millis);
        return c != 0 ? c : Long.compare(n, o.n);
    }

    @Override
    public String toString() {
        return millis + "-" + n;
    }
}
