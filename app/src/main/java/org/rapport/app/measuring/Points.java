package org.rapport.app.measuring;

import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Locale;
import org.springframework.stereotype.Component;

/**
 * Rapport points as people read them, rounded in this one place so that a figure reads the same on every page, PDF,
 * CSV, e-mail and API answer: the API gives a figure to a tenth of a point ({@link #tenth}); pages say that tenth
 * rounded half up to a whole point ({@link #whole}), so a figure of 50.46 is 50.5 in the API and 51 on every page,
 * never 50 on one and 51 on another. A change is said to a tenth, with its sign and the reader's decimal separator
 * ({@link #signed}). Figures are written in Western digits in every language (an Arabic page wrote some in Arabic-Indic
 * digits and some not), so messages take them as text ({@link #text}). Templates reach it as {@code @points}.
 */
@Component("points")
public final class Points {

    /** A figure to a tenth of a point, as the API gives it. */
    public static double tenth(double points) {
        return Math.round(points * 10) / 10.0;
    }

    /** A figure as pages say it: its tenth rounded half up to a whole point. */
    public static long whole(double points) {
        return Math.round(tenth(points));
    }

    /** A figure as pages say it, as text for a message: "51". */
    public static String text(double points) {
        return Long.toString(whole(points));
    }

    /** A measure with its interval, "53 (51–55)". */
    public static String range(double estimate, double lower, double upper) {
        return whole(estimate) + " (" + whole(lower) + "–" + whole(upper) + ")";
    }

    /**
     * A change to a tenth of a point with its sign, in the reader's language ("+1.2", "+1,2"); "±0.0" where it rounds to
     * nothing, so that an interval's end just above zero does not read as zero.
     */
    public static String signed(double points, Locale locale) {
        double rounded = tenth(points);
        DecimalFormat format = new DecimalFormat("0.0", symbols(locale));
        return (rounded > 0 ? "+" : rounded < 0 ? "-" : "±") + format.format(Math.abs(rounded));
    }

    /**
     * A reliability as people read it, to two decimals in the reader's language ("0.42", "0,42"), rounded down so that one
     * just under the rule ({@link WaveResults#MIN_RELIABILITY}) never reads as meeting it.
     */
    public static String reliability(double reliability, Locale locale) {
        return new DecimalFormat("0.00", symbols(locale)).format(Math.floor(reliability * 100) / 100);
    }

    private static DecimalFormatSymbols symbols(Locale locale) {
        DecimalFormatSymbols symbols = DecimalFormatSymbols.getInstance(locale);
        // Western digits in every language, as every other figure; then the point as separator too
        return symbols.getZeroDigit() != '0' ? DecimalFormatSymbols.getInstance(Locale.ROOT) : symbols;
    }

    /** {@link #whole} for templates ({@code ${@points.of(x)}}); null stays null. */
    public Long of(Double points) {
        return points == null ? null : whole(points);
    }

    /** {@link #signed} for templates. */
    public String change(Double points, Locale locale) {
        return points == null ? null : signed(points, locale);
    }
}
