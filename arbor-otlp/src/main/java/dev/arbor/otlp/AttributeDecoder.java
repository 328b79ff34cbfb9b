package dev.arbor.otlp;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * OTLP {@code KeyValue}s to model attribute maps. A text value longer than the limit is cut there and
 * ends with a visible marker saying how much was cut; each cut is counted.
 */
final class AttributeDecoder {
  private final int maxValueChars;
  private int truncated;

  AttributeDecoder(int maxValueChars) {
    this.maxValueChars = maxValueChars;
  }

  int truncatedCount() {
    return truncated;
  }

  Map<String, Object> decode(List<KeyValue> keyValues) {
    if (keyValues.isEmpty()) {
      return Map.of();
    }
    Map<String, Object> map = new LinkedHashMap<>(keyValues.size() * 2);
    for (KeyValue kv : keyValues) {
      Object value = value(kv.getValue());
      if (value != null) {
        map.put(kv.getKey(), value);
      }
    }
    return map;
  }

  private Object value(AnyValue v) {
    return switch (v.getValueCase()) {
      case STRING_VALUE -> limit(v.getStringValue());
      case BOOL_VALUE -> v.getBoolValue();
      case INT_VALUE -> v.getIntValue();
      case DOUBLE_VALUE -> v.getDoubleValue();
      case BYTES_VALUE -> limit(base64(v.getBytesValue()));
      case ARRAY_VALUE -> {
        List<Object> list = new ArrayList<>(v.getArrayValue().getValuesCount());
        for (AnyValue element : v.getArrayValue().getValuesList()) {
          Object value = value(element);
          if (value != null) {
            list.add(value);
          }
        }
        yield list;
      }
      case KVLIST_VALUE -> decode(v.getKvlistValue().getValuesList());
      case VALUE_NOT_SET -> null;
    };
  }

  private static String base64(ByteString bytes) {
    return Base64.getEncoder().encodeToString(bytes.toByteArray());
  }

  private String limit(String text) {
    if (text.length() <= maxValueChars) {
      return text;
    }
    truncated++;
    int cut = Character.isHighSurrogate(text.charAt(maxValueChars - 1)) ? maxValueChars - 1 : maxValueChars;
    return text.substring(0, cut) + TruncationMarker.of(text.length() - cut);
  }
}
