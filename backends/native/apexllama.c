/*
 * JNI shim between dev.apex.backends.llamanative.LlamaLibrary and llama.cpp's C API.
 *
 * Every function checks its handles and arguments and reports failure as a
 * dev.apex.backends.llamanative.NativeEngineException, so a bad call from Java never reaches
 * llama.cpp with a null pointer. Structs that llama.cpp passes by value (params, batches) stay
 * on this side. Build: backends/native/build-shim.sh <engine-dir>.
 */
#include <jni.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "llama.h"

#define EXCEPTION "dev/apex/backends/llamanative/NativeEngineException"
#define FN(name) Java_dev_apex_backends_llamanative_LlamaLibrary_##name

static volatile int log_enabled = 0;

static void log_to_stderr(enum ggml_log_level level, const char *text, void *data) {
  (void)level;
  (void)data;
  if (log_enabled) {
    fputs(text, stderr);
  }
}

static void throw_engine(JNIEnv *env, const char *message) {
  jclass type = (*env)->FindClass(env, EXCEPTION);
  if (type == NULL) {
    (*env)->ExceptionClear(env);
    type = (*env)->FindClass(env, "java/lang/IllegalStateException");
  }
  (*env)->ThrowNew(env, type, message);
}

static int require(JNIEnv *env, jlong handle, const char *what) {
  if (handle == 0) {
    char message[96];
    snprintf(message, sizeof message, "%s is not open (null handle)", what);
    throw_engine(env, message);
    return 0;
  }
  return 1;
}

static const struct llama_vocab *vocab_of(jlong model) {
  return llama_model_get_vocab((const struct llama_model *)(intptr_t)model);
}

/* Copies a Java byte[] into a NUL-terminated C string; NULL (with an exception) on failure. */
static char *c_string(JNIEnv *env, jbyteArray bytes, jsize *length) {
  jsize n = (*env)->GetArrayLength(env, bytes);
  char *text = malloc((size_t)n + 1);
  if (text == NULL) {
    throw_engine(env, "out of memory copying text");
    return NULL;
  }
  (*env)->GetByteArrayRegion(env, bytes, 0, n, (jbyte *)text);
  text[n] = '\0';
  if (length != NULL) {
    *length = n;
  }
  return text;
}

JNIEXPORT void JNICALL FN(setLog)(JNIEnv *env, jclass cls, jboolean on) {
  (void)env;
  (void)cls;
  log_enabled = on ? 1 : 0;
  llama_log_set(log_to_stderr, NULL);
}

JNIEXPORT jstring JNICALL FN(systemInfo)(JNIEnv *env, jclass cls) {
  (void)cls;
  return (*env)->NewStringUTF(env, llama_print_system_info());
}

JNIEXPORT jlong JNICALL FN(loadModel)(JNIEnv *env, jclass cls, jstring path, jint gpu_layers,
                                      jint main_gpu) {
  (void)cls;
  if (path == NULL) {
    throw_engine(env, "model path is null");
    return 0;
  }
  static int backend_ready = 0;
  if (!backend_ready) {
    llama_log_set(log_to_stderr, NULL);
    llama_backend_init();
    backend_ready = 1;
  }
  const char *file = (*env)->GetStringUTFChars(env, path, NULL);
  if (file == NULL) {
    return 0;
  }
  struct llama_model_params params = llama_model_default_params();
  params.n_gpu_layers = gpu_layers;
  if (main_gpu >= 0) {
    params.split_mode = LLAMA_SPLIT_MODE_NONE;
    params.main_gpu = main_gpu;
  }
  struct llama_model *model = llama_model_load_from_file(file, params);
  if (model == NULL) {
    char message[1024];
    snprintf(message, sizeof message,
             "llama.cpp could not load the model %s (see its log on stderr)", file);
    (*env)->ReleaseStringUTFChars(env, path, file);
    throw_engine(env, message);
    return 0;
  }
  (*env)->ReleaseStringUTFChars(env, path, file);
  return (jlong)(intptr_t)model;
}

JNIEXPORT void JNICALL FN(freeModel)(JNIEnv *env, jclass cls, jlong model) {
  (void)env;
  (void)cls;
  if (model != 0) {
    llama_model_free((struct llama_model *)(intptr_t)model);
  }
}

JNIEXPORT jstring JNICALL FN(describeModel)(JNIEnv *env, jclass cls, jlong model) {
  (void)cls;
  if (!require(env, model, "model")) {
    return NULL;
  }
  char buffer[256];
  int n = llama_model_desc((const struct llama_model *)(intptr_t)model, buffer, sizeof buffer);
  return (*env)->NewStringUTF(env, n < 0 ? "" : buffer);
}

JNIEXPORT jlong JNICALL FN(newContext)(JNIEnv *env, jclass cls, jlong model, jint n_ctx,
                                       jint n_seq, jint n_batch, jint threads) {
  (void)cls;
  if (!require(env, model, "model")) {
    return 0;
  }
  if (n_ctx < 16 || n_seq < 1 || n_batch < 1 || threads < 0) {
    throw_engine(env, "context: n_ctx < 16, n_seq < 1, n_batch < 1 or threads < 0");
    return 0;
  }
  struct llama_context_params params = llama_context_default_params();
  params.n_ctx = (uint32_t)n_ctx;
  params.n_seq_max = (uint32_t)n_seq;
  params.n_batch = (uint32_t)n_batch;
  params.n_ubatch = (uint32_t)n_batch;
  if (threads > 0) {
    params.n_threads = threads;
    params.n_threads_batch = threads;
  }
  /* Each slot owns n_ctx / n_seq cells, so one long conversation cannot evict the others. */
  params.kv_unified = n_seq == 1;
  params.no_perf = 1;
  struct llama_context *ctx =
      llama_init_from_model((struct llama_model *)(intptr_t)model, params);
  if (ctx == NULL) {
    throw_engine(env, "llama.cpp could not create a context (see its log on stderr)");
    return 0;
  }
  return (jlong)(intptr_t)ctx;
}

JNIEXPORT void JNICALL FN(freeContext)(JNIEnv *env, jclass cls, jlong ctx) {
  (void)env;
  (void)cls;
  if (ctx != 0) {
    llama_free((struct llama_context *)(intptr_t)ctx);
  }
}

JNIEXPORT jint JNICALL FN(sequenceContext)(JNIEnv *env, jclass cls, jlong ctx) {
  (void)cls;
  if (!require(env, ctx, "context")) {
    return 0;
  }
  return (jint)llama_n_ctx_seq((const struct llama_context *)(intptr_t)ctx);
}

JNIEXPORT jintArray JNICALL FN(tokenize)(JNIEnv *env, jclass cls, jlong model, jbyteArray utf8,
                                         jboolean add_special) {
  (void)cls;
  if (!require(env, model, "model")) {
    return NULL;
  }
  if (utf8 == NULL) {
    throw_engine(env, "text is null");
    return NULL;
  }
  jsize length;
  char *text = c_string(env, utf8, &length);
  if (text == NULL) {
    return NULL;
  }
  int32_t capacity = length + 16;
  llama_token *tokens = malloc(sizeof(llama_token) * (size_t)capacity);
  int32_t n = tokens == NULL ? INT32_MIN
                             : llama_tokenize(vocab_of(model), text, length, tokens, capacity,
                                              add_special, 1);
  if (n < 0 && n != INT32_MIN) {
    capacity = -n;
    llama_token *bigger = realloc(tokens, sizeof(llama_token) * (size_t)capacity);
    n = bigger == NULL ? INT32_MIN
                       : llama_tokenize(vocab_of(model), text, length, bigger, capacity,
                                        add_special, 1);
    tokens = bigger == NULL ? tokens : bigger;
  }
  free(text);
  if (n < 0) {
    free(tokens);
    throw_engine(env, "llama.cpp could not tokenize the text");
    return NULL;
  }
  jintArray result = (*env)->NewIntArray(env, n);
  if (result != NULL) {
    (*env)->SetIntArrayRegion(env, result, 0, n, (const jint *)tokens);
  }
  free(tokens);
  return result;
}

JNIEXPORT jbyteArray JNICALL FN(piece)(JNIEnv *env, jclass cls, jlong model, jint token) {
  (void)cls;
  if (!require(env, model, "model")) {
    return NULL;
  }
  if (token < 0 || token >= llama_vocab_n_tokens(vocab_of(model))) {
    throw_engine(env, "token id out of the vocabulary");
    return NULL;
  }
  char small[128];
  char *buffer = small;
  int32_t n = llama_token_to_piece(vocab_of(model), token, small, sizeof small, 0, 0);
  if (n < 0) {
    buffer = malloc((size_t)-n);
    if (buffer == NULL) {
      throw_engine(env, "out of memory rendering a token");
      return NULL;
    }
    n = llama_token_to_piece(vocab_of(model), token, buffer, -n, 0, 0);
  }
  jbyteArray result = (*env)->NewByteArray(env, n < 0 ? 0 : n);
  if (result != NULL && n > 0) {
    (*env)->SetByteArrayRegion(env, result, 0, n, (const jbyte *)buffer);
  }
  if (buffer != small) {
    free(buffer);
  }
  return result;
}

JNIEXPORT jboolean JNICALL FN(isEndOfGeneration)(JNIEnv *env, jclass cls, jlong model,
                                                 jint token) {
  (void)cls;
  if (!require(env, model, "model")) {
    return JNI_FALSE;
  }
  return llama_vocab_is_eog(vocab_of(model), token) ? JNI_TRUE : JNI_FALSE;
}

JNIEXPORT jbyteArray JNICALL FN(applyTemplate)(JNIEnv *env, jclass cls, jlong model,
                                               jobjectArray roles, jobjectArray contents) {
  (void)cls;
  if (!require(env, model, "model")) {
    return NULL;
  }
  const char *tmpl = llama_model_chat_template((const struct llama_model *)(intptr_t)model, NULL);
  jsize n = roles == NULL ? -1 : (*env)->GetArrayLength(env, roles);
  if (tmpl == NULL || n < 1 || contents == NULL || (*env)->GetArrayLength(env, contents) != n) {
    throw_engine(env, tmpl == NULL ? "the model has no chat template"
                                   : "give as many roles as contents, at least one");
    return NULL;
  }
  llama_chat_message *chat = calloc((size_t)n, sizeof *chat);
  size_t total = 0;
  jsize filled = 0;
  jbyteArray result = NULL;
  for (; chat != NULL && filled < n; filled++) {
    jbyteArray role = (*env)->GetObjectArrayElement(env, roles, filled);
    jbyteArray content = (*env)->GetObjectArrayElement(env, contents, filled);
    if (role == NULL || content == NULL) {
      throw_engine(env, "a role or content is null");
      break;
    }
    chat[filled].role = c_string(env, role, NULL);
    chat[filled].content = c_string(env, content, NULL);
    if (chat[filled].role == NULL || chat[filled].content == NULL) {
      filled++;
      break;
    }
    total += strlen(chat[filled].content) + 64;
  }
  if (chat != NULL && filled == n && !(*env)->ExceptionCheck(env)) {
    int32_t capacity = (int32_t)(total * 2 + 256);
    char *buffer = malloc((size_t)capacity);
    int32_t length =
        buffer == NULL ? -1 : llama_chat_apply_template(tmpl, chat, (size_t)n, 1, buffer, capacity);
    if (length > capacity) {
      char *bigger = realloc(buffer, (size_t)length);
      buffer = bigger == NULL ? buffer : bigger;
      length = bigger == NULL
                   ? -1
                   : llama_chat_apply_template(tmpl, chat, (size_t)n, 1, buffer, length);
    }
    if (length < 0) {
      throw_engine(env, "llama.cpp does not know this chat template");
    } else {
      result = (*env)->NewByteArray(env, length);
      if (result != NULL) {
        (*env)->SetByteArrayRegion(env, result, 0, length, (const jbyte *)buffer);
      }
    }
    free(buffer);
  } else if (chat == NULL) {
    throw_engine(env, "out of memory applying the chat template");
  }
  for (jsize i = 0; chat != NULL && i < filled; i++) {
    free((void *)chat[i].role);
    free((void *)chat[i].content);
  }
  free(chat);
  return result;
}

JNIEXPORT jboolean JNICALL FN(removeFrom)(JNIEnv *env, jclass cls, jlong ctx, jint seq,
                                          jint from) {
  (void)cls;
  if (!require(env, ctx, "context")) {
    return JNI_FALSE;
  }
  llama_memory_t memory = llama_get_memory((const struct llama_context *)(intptr_t)ctx);
  if (seq < 0 || (uint32_t)seq >= llama_n_seq_max((const struct llama_context *)(intptr_t)ctx)) {
    throw_engine(env, "sequence id out of range");
    return JNI_FALSE;
  }
  return llama_memory_seq_rm(memory, seq, from, -1) ? JNI_TRUE : JNI_FALSE;
}

JNIEXPORT void JNICALL FN(decode)(JNIEnv *env, jclass cls, jlong ctx, jintArray tokens,
                                  jintArray positions, jintArray sequences,
                                  jbooleanArray outputs) {
  (void)cls;
  if (!require(env, ctx, "context")) {
    return;
  }
  struct llama_context *context = (struct llama_context *)(intptr_t)ctx;
  if (tokens == NULL || positions == NULL || sequences == NULL || outputs == NULL) {
    throw_engine(env, "decode: an array is null");
    return;
  }
  jsize n = (*env)->GetArrayLength(env, tokens);
  if (n < 1 || (uint32_t)n > llama_n_batch(context) ||
      (*env)->GetArrayLength(env, positions) != n ||
      (*env)->GetArrayLength(env, sequences) != n || (*env)->GetArrayLength(env, outputs) != n) {
    throw_engine(env, "decode: arrays of different lengths, empty, or longer than n_batch");
    return;
  }
  struct llama_batch batch = llama_batch_init(n, 0, 1);
  jint *seq = (*env)->GetIntArrayElements(env, sequences, NULL);
  jboolean *out = (*env)->GetBooleanArrayElements(env, outputs, NULL);
  (*env)->GetIntArrayRegion(env, tokens, 0, n, (jint *)batch.token);
  (*env)->GetIntArrayRegion(env, positions, 0, n, (jint *)batch.pos);
  uint32_t n_seq = llama_n_seq_max(context);
  int32_t n_vocab = llama_vocab_n_tokens(llama_model_get_vocab(llama_get_model(context)));
  const char *bad = NULL;
  for (jsize i = 0; i < n; i++) {
    if (seq[i] < 0 || (uint32_t)seq[i] >= n_seq) {
      bad = "decode: sequence id out of range";
    } else if (batch.token[i] < 0 || batch.token[i] >= n_vocab) {
      bad = "decode: token id out of the vocabulary";
    } else if (batch.pos[i] < 0) {
      bad = "decode: negative position";
    }
    batch.n_seq_id[i] = 1;
    batch.seq_id[i][0] = seq[i];
    batch.logits[i] = out[i] ? 1 : 0;
  }
  batch.n_tokens = n;
  (*env)->ReleaseIntArrayElements(env, sequences, seq, JNI_ABORT);
  (*env)->ReleaseBooleanArrayElements(env, outputs, out, JNI_ABORT);
  int32_t status = bad == NULL ? llama_decode(context, batch) : 0;
  llama_batch_free(batch);
  if (bad != NULL) {
    throw_engine(env, bad);
  } else if (status != 0) {
    char message[160];
    snprintf(message, sizeof message, "llama_decode returned %d (%s)", status,
             status == 1   ? "no room in the KV cache"
             : status == 2 ? "aborted"
             : status == -1 ? "invalid batch"
                            : "fatal error, see stderr");
    throw_engine(env, message);
  }
}

JNIEXPORT jlong JNICALL FN(newSampler)(JNIEnv *env, jclass cls, jlong model, jfloat temperature,
                                       jint seed, jbyteArray grammar) {
  (void)cls;
  if (!require(env, model, "model")) {
    return 0;
  }
  struct llama_sampler_chain_params params = llama_sampler_chain_default_params();
  params.no_perf = 1;
  struct llama_sampler *chain = llama_sampler_chain_init(params);
  if (grammar != NULL) {
    char *gbnf = c_string(env, grammar, NULL);
    if (gbnf == NULL) {
      llama_sampler_free(chain);
      return 0;
    }
    struct llama_sampler *constrained = llama_sampler_init_grammar(vocab_of(model), gbnf, "root");
    free(gbnf);
    if (constrained == NULL) {
      llama_sampler_free(chain);
      throw_engine(env, "llama.cpp rejected the grammar (see its log on stderr)");
      return 0;
    }
    llama_sampler_chain_add(chain, constrained);
  }
  if (temperature <= 0) {
    llama_sampler_chain_add(chain, llama_sampler_init_greedy());
  } else {
    /* llama.cpp's common defaults, as java-llama.cpp's server applies them. */
    llama_sampler_chain_add(chain, llama_sampler_init_top_k(40));
    llama_sampler_chain_add(chain, llama_sampler_init_top_p(0.95f, 1));
    llama_sampler_chain_add(chain, llama_sampler_init_min_p(0.05f, 1));
    llama_sampler_chain_add(chain, llama_sampler_init_temp(temperature));
    llama_sampler_chain_add(chain, llama_sampler_init_dist((uint32_t)seed));
  }
  return (jlong)(intptr_t)chain;
}

JNIEXPORT jint JNICALL FN(sample)(JNIEnv *env, jclass cls, jlong sampler, jlong ctx,
                                  jint output) {
  (void)cls;
  if (!require(env, sampler, "sampler") || !require(env, ctx, "context")) {
    return -1;
  }
  return llama_sampler_sample((struct llama_sampler *)(intptr_t)sampler,
                              (struct llama_context *)(intptr_t)ctx, output);
}

JNIEXPORT void JNICALL FN(freeSampler)(JNIEnv *env, jclass cls, jlong sampler) {
  (void)env;
  (void)cls;
  if (sampler != 0) {
    llama_sampler_free((struct llama_sampler *)(intptr_t)sampler);
  }
}
