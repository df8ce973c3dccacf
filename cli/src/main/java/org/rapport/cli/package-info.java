/**
 * {@code rapport-measure}, the command line of the measure library for researchers: calibrate a CSV of answers,
 * score new answers on anchored items; picocli commands, one per file, with the files they write.
 */
package org.rapport.cli;
