package dev.apex.backends.gguf;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** Decodes one GGUF metadata value; integers become Long, floats Double. */
final class GgufValues {

  private static final int UINT8 = 0;
  private static final int INT8 = 1;
  private static final int UINT16 = 2;
  private static final int INT16 = 3;
  private static final int UINT32 = 4;
  private static final int INT32 = 5;
  private static final int FLOAT32 = 6;
  private static final int BOOL = 7;
  private static final int STRING = 8;
  private static final int ARRAY = 9;
  private static final int UINT64 = 10;
  private static final int INT64 = 11;
  private static final int FLOAT64 = 12;

  private GgufValues() {}

  static Object read(HeaderReader in, int type) throws IOException {
    return switch (type) {
      case UINT8 -> (long) in.u8();
      case INT8 -> (long) (byte) in.u8();
      case UINT16 -> (long) (in.u8() | in.u8() << 8);
      case INT16 -> (long) (short) (in.u8() | in.u8() << 8);
      case UINT32 -> Integer.toUnsignedLong(in.i32());
      case INT32 -> (long) in.i32();
      case FLOAT32 -> (double) Float.intBitsToFloat(in.i32());
      case BOOL -> in.u8() != 0;
      case STRING -> in.string();
      case ARRAY -> array(in);
      case UINT64, INT64 -> in.i64();
      case FLOAT64 -> Double.longBitsToDouble(in.i64());
      default -> throw new GgufFormatException("corrupt GGUF: unknown value type " + type);
    };
  }

  private static GgufArray array(HeaderReader in) throws IOException {
    int elementType = in.i32();
    if (elementType == ARRAY) {
      throw new GgufFormatException("corrupt GGUF: nested arrays");
    }
    int width = width(elementType);
    long length = in.count(width == 0 ? 8 : width);
    List<Object> head = new ArrayList<>();
    for (long i = 0; i < length; i++) {
      if (i < GgufArray.HEAD) {
        head.add(read(in, elementType));
      } else if (width > 0) {
        in.skip((length - i) * width);
        break;
      } else {
        in.skip(in.count(1));
      }
    }
    return new GgufArray(elementType, length, head);
  }

  /** Bytes per element of a fixed-width type; 0 for strings. */
  private static int width(int type) throws GgufFormatException {
    return switch (type) {
      case UINT8, INT8, BOOL -> 1;
      case UINT16, INT16 -> 2;
      case UINT32, INT32, FLOAT32 -> 4;
      case UINT64, INT64, FLOAT64 -> 8;
      case STRING -> 0;
      default -> throw new GgufFormatException("corrupt GGUF: unknown array type " + type);
    };
  }
}
