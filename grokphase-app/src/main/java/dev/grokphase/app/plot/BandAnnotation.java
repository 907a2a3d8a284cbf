package dev.grokphase.app.plot;

import org.knowm.xchart.internal.chartpart.Annotation;

import java.awt.AlphaComposite;
import java.awt.Color;
import java.awt.Composite;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;

/**
 * Paints one {@link Band} as a translucent full-height rectangle with its label at the top.
 * XChart has no band primitive; an {@link Annotation} is painted inside the plot area with access
 * to the axis transforms (log axes included), which is what a band needs.
 */
final class BandAnnotation extends Annotation {

    private final Band band;
    private final Font font;

    BandAnnotation(Band band, Font font) {
        super(false);
        this.band = band;
        this.font = font;
    }

    @Override
    public void paint(Graphics2D g) {
        if (!isVisible) {
            return;
        }
        int xLo = getXAxisScreenValue(band.from());
        int xHi = getXAxisScreenValue(band.to());
        int plotLeft = getXAxisScreenValueForMin();
        int plotRight = getXAxisScreenValueForMax();
        xLo = Math.max(xLo, Math.min(plotLeft, plotRight));
        xHi = Math.min(xHi, Math.max(plotLeft, plotRight));
        if (xHi <= xLo) {
            return;
        }
        int yTop = Math.min(getYAxisScreenValueForMax(), getYAxisScreenValueForMin());
        int yBottom = Math.max(getYAxisScreenValueForMax(), getYAxisScreenValueForMin());
        Composite saved = g.getComposite();
        Color c = band.colour().rgb;
        g.setComposite(AlphaComposite.getInstance(AlphaComposite.SRC_OVER, 0.13f));
        g.setColor(c);
        g.fillRect(xLo, yTop, xHi - xLo, yBottom - yTop);
        g.setComposite(saved);
        if (band.label() != null && !band.label().isEmpty()) {
            g.setFont(font);
            FontMetrics fm = g.getFontMetrics();
            int w = fm.stringWidth(band.label());
            if (w + 4 <= xHi - xLo) {
                g.setColor(c.darker());
                g.drawString(band.label(), xLo + (xHi - xLo - w) / 2, yTop + fm.getAscent() + 4);
            }
        }
        bounds = new java.awt.geom.Rectangle2D.Double(xLo, yTop, xHi - xLo, yBottom - yTop);
    }
}
