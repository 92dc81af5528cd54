package dev.apex.backends;

/** A worker-like process for ITs: runs the model check on the default model and exits. */
public final class ModelCheckMain {

  private ModelCheckMain() {}

  public static void main(String[] args) {
    try {
      System.out.println(ModelCheck.run(TestModels.defaultLlamaCpp().withThreads(1)));
      System.exit(0);
    } catch (BackendException e) {
      System.err.println(e.getMessage());
      System.exit(2);
    }
  }
}
