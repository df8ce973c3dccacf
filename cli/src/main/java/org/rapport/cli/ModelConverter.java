package org.rapport.cli;

import org.rapport.measure.Model;
import picocli.CommandLine;

final class ModelConverter implements CommandLine.ITypeConverter<Model> {
    @Override
    public Model convert(String value) {
        try {
            return Model.parse(value);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.TypeConversionException(e.getMessage());
        }
    }
}
