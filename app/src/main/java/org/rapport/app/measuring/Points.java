package org.rapport.app.measuring;

import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Locale;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * Rapport points as people read them, rounded and worded in this one place so that a figure reads the same on every page,
 * PDF, CSV, e-mail and API answer: the API gives a figure to a tenth of a point ({@link #tenth}); pages say that tenth
 * rounded half up to a whole point ({@link #whole}), so a figure of 50.46 is 50.5 in the API and 51 on every page,
 * never 50 on one and 51 on another. A figure with its 90% interval is worded by one message ({@code figure.interval}:
 * "53 (51 to 55)", {@link #interval}), a change with the interval of the change by another ({@code figure.change}:
 * "+2.4 (+0.8 to +4.0)", {@link #change(MessageSource, Locale, double, double, double)}); every sentence that carries a
 * figure takes it worded from here. A change is said to a tenth, with its sign and the reader's decimal separator
 * ({@link #signed}). Where an interval stands against a reference (above, in line, below: the band words of a page, a
 * strength or priority, the network's counts of schools) is judged here too, on the tenths the API gives
 * ({@link #side}), so that no page calls above what another calls in line. Figures are written in Western digits in
 * every language (an Arabic page wrote some in Arabic-Indic digits and some not), so messages take them as text
 * ({@link #text}). Templates reach it as {@code @points}.
 */
@Component("points")
public final class Points {
    private final MessageSource messages;

    public Points(MessageSource messages) {
        this.messages = messages;
    }

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

    /**
     * A figure with its 90% interval, worded in the reader's language: "53 (51 to 55)"; where both ends round to one whole
     * point (a network's thousands of answers), "52 (less than a point either way)", not "52 (52 to 52)".
     */
    public static String interval(MessageSource messages, Locale locale, double estimate, double lower, double upper) {
        if (whole(lower) == whole(upper)) {
            return messages.getMessage("figure.narrow", new Object[] {text(estimate)}, locale);
        }
        return messages.getMessage("figure.interval", new Object[] {text(estimate), text(lower), text(upper)}, locale);
    }

    /**
     * A share of favourable answers with its 90% interval, in whole percent (the fallback of a scale not yet calibrated,
     * never Rapport points): "78% (70% to 85%)".
     */
    public static String share(MessageSource messages, Locale locale, double share, double lower, double upper) {
        return messages.getMessage("figure.share", new Object[] {percent(share), percent(lower), percent(upper)}, locale);
    }

    /** A proportion in whole percent, half up, as text for a message: "78". */
    public static String percent(double share) {
        return Long.toString(Math.round(share * 100));
    }

    /** A change with the 90% interval of the change itself, to a tenth with signs: "+2.4 (+0.8 to +4.0)". */
    public static String change(MessageSource messages, Locale locale, double difference, double lower, double upper) {
        return messages.getMessage("figure.change", new Object[] {signed(difference, locale), signed(lower, locale), signed(upper, locale)},
                locale);
    }

    /**
     * How far from a reference a figure must be for any page to call it above or below: less is too small to act on, and
     * the network's thousands of answers would otherwise make 51 a strength against 50.
     */
    public static final double MIN_DIFFERENCE = 2;

    /**
     * Where a figure stands against a reference, judged on the tenths the API gives: 1 where its interval's lower end is
     * above the reference and the figure at least {@link #MIN_DIFFERENCE} above it, -1 where its upper end is below and the
     * figure at least as far below, 0 otherwise ("about the same"). The map's band words, "In one minute"'s strengths and
     * priorities and the network's counts of schools all take it from here: a page once called a group "below the network"
     * by its interval alone while the summary above it said nothing was surely below.
     */
    public static int side(double estimate, double lower, double upper, double reference) {
        double r = tenth(reference);
        double d = tenth(estimate - reference);
        return tenth(lower) > r && d >= MIN_DIFFERENCE ? 1 : tenth(upper) < r && -d >= MIN_DIFFERENCE ? -1 : 0;
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

    /** Any other decimal a staff page shows (a calibration's logits, an index), to two decimals in the reader's language. */
    public static String decimal(double value, Locale locale) {
        return new DecimalFormat("0.00", symbols(locale)).format(value);
    }

    /** A share as a whole percentage as the reader's language writes one ("80%", "80 %"), in Western digits as every figure. */
    public static String percent(double share, Locale locale) {
        java.text.NumberFormat format = java.text.NumberFormat.getPercentInstance(locale);
        if (!(format instanceof DecimalFormat decimal) || decimal.getDecimalFormatSymbols().getZeroDigit() != '0') {
            format = java.text.NumberFormat.getPercentInstance(Locale.ROOT);
        }
        format.setMaximumFractionDigits(0);
        return format.format(share);
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

    /** {@link #interval(MessageSource, Locale, double, double, double)} for templates; null where the figure is not shown. */
    public String interval(Double estimate, Double lower, Double upper, Locale locale) {
        return estimate == null || lower == null || upper == null ? null : interval(messages, locale, estimate, lower, upper);
    }

    /** {@link #change(MessageSource, Locale, double, double, double)} for templates; null where there is none. */
    public String change(Double difference, Double lower, Double upper, Locale locale) {
        return difference == null || lower == null || upper == null ? null : change(messages, locale, difference, lower, upper);
    }

    /** {@link #percent} for templates; null stays null. */
    public String percentOf(Double share, Locale locale) {
        return share == null ? null : percent(share, locale);
    }

    /** {@link #decimal} for templates; null stays null. */
    public String decimalOf(Double value, Locale locale) {
        return value == null ? null : decimal(value.doubleValue(), locale);
    }
}
