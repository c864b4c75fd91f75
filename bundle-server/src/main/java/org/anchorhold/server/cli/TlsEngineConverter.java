package org.anchorhold.server.cli;

import org.anchorhold.server.tls.TlsEngine;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Reads the {@code --tls-engine} value, {@code conscrypt} or {@code jdk}. */
public final class TlsEngineConverter implements ITypeConverter<TlsEngine> {
  @Override
  public TlsEngine convert(String value) {
    try {
      return TlsEngine.fromLabel(value);
    } catch (IllegalArgumentException e) {
      throw new TypeConversionException(e.getMessage());
    }
  }
}
