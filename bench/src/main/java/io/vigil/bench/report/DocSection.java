package io.vigil.bench.report;

/**
 * Replaces the generated part of docs/benchmarks.md, between {@code <!-- bench:begin -->} and
 * {@code <!-- bench:end -->}, or appends it at the end; the hand-written sections stay as they are.
 */
final class DocSection {

    static final String BEGIN = "<!-- bench:begin -->";
    static final String END = "<!-- bench:end -->";

    private DocSection() {}

    static String replace(String document, String generated) {
        String block = BEGIN + "\n" + generated.strip() + "\n" + END + "\n";
        int begin = document.indexOf(BEGIN);
        int end = document.indexOf(END);
        if (begin >= 0 && end > begin) {
            String rest = document.substring(end + END.length());
            return document.substring(0, begin) + block + rest.replaceFirst("^\\n", "");
        }
        String base = document.endsWith("\n") ? document : document + "\n";
        return base + "\n" + block;
    }
}
