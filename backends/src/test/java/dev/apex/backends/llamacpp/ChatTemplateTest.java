package dev.apex.backends.llamacpp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.apex.backends.ChatMessage;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Golden prompts rendered by jinja2 from each model's own template (bos_token left empty). */
class ChatTemplateTest {

  /** tokenizer.chat_template of SmolLM2-135M-Instruct.Q4_1.gguf, verbatim. */
  static final String SMOLLM2 =
      "{% for message in messages %}{% if loop.first and messages[0]['role'] != 'system' %}"
          + "{{ '<|im_start|>system\nYou are a helpful AI assistant named SmolLM, trained by"
          + " Hugging Face<|im_end|>\n' }}{% endif %}{{'<|im_start|>' + message['role'] +"
          + " '\n' + message['content'] + '<|im_end|>' + '\n'}}{% endfor %}{% if"
          + " add_generation_prompt %}{{ '<|im_start|>assistant\n' }}{% endif %}";

  static final String GEMMA3 =
      "{{ bos_token }}{%- if messages[0]['role'] == 'system' -%}...<start_of_turn>...";
  static final String LLAMA3 =
      "{% set loop_messages = messages %}...'<|start_header_id|>' + message['role'] + ...";

  private static final List<ChatMessage> CONVERSATION =
      List.of(
          ChatMessage.system("You are terse."),
          ChatMessage.user("  Fix the bug 🐛 in add().\n"),
          ChatMessage.assistant("Done."),
          ChatMessage.user("Now test it."));

  private static final List<ChatMessage> NO_SYSTEM = CONVERSATION.subList(1, 4);

  /** Gemma's rendering from the first user message's content on, with the generation prompt. */
  private static final String GEMMA_FROM_USER =
      """
      Fix the bug 🐛 in add().<end_of_turn>
      <start_of_turn>model
      Done.<end_of_turn>
      <start_of_turn>user
      Now test it.<end_of_turn>
      <start_of_turn>model
      """;

  /** ChatML's rendering of the turns after the system one, with the generation prompt. */
  private static final String CHATML_TURNS =
      """
      <|im_start|>user
        Fix the bug 🐛 in add().
      <|im_end|>
      <|im_start|>assistant
      Done.<|im_end|>
      <|im_start|>user
      Now test it.<|im_end|>
      <|im_start|>assistant
      """;

  @Test
  void smollm2_withSystem_matchesGoldenPrompt() {
    assertThat(ChatTemplate.fromJinja(SMOLLM2).render(CONVERSATION))
        .isEqualTo("<|im_start|>system\nYou are terse.<|im_end|>\n" + CHATML_TURNS);
  }

  @Test
  void smollm2_withoutSystem_insertsTheTemplatesDefaultSystemPrompt() {
    ChatTemplate template = ChatTemplate.fromJinja(SMOLLM2);
    assertThat(template.style()).isEqualTo(ChatTemplate.Style.CHATML);
    assertThat(template.render(NO_SYSTEM))
        .isEqualTo(
            "<|im_start|>system\nYou are a helpful AI assistant named SmolLM, trained by Hugging"
                + " Face<|im_end|>\n"
                + CHATML_TURNS);
  }

  @Test
  void chatml_defaultSystemWrittenWithJinjaEscapes_isFoundToo() {
    String escaped = SMOLLM2.replace("system\nYou", "system\\nYou");
    assertThat(ChatTemplate.fromJinja(escaped).defaultSystem())
        .isEqualTo("You are a helpful AI assistant named SmolLM, trained by Hugging Face");
  }

  @Test
  void gemma_systemJoinsFirstUserTurn_contentTrimmed() {
    ChatTemplate template = ChatTemplate.fromJinja(GEMMA3);
    assertThat(template.render(CONVERSATION))
        .isEqualTo("<start_of_turn>user\nYou are terse.\n\n" + GEMMA_FROM_USER);
    assertThat(template.render(NO_SYSTEM)).isEqualTo("<start_of_turn>user\n" + GEMMA_FROM_USER);
  }

  @Test
  void llama3_headersAndTrimmedContent() {
    assertThat(ChatTemplate.fromJinja(LLAMA3).render(CONVERSATION))
        .isEqualTo(
            """
            <|start_header_id|>system<|end_header_id|>

            You are terse.<|eot_id|><|start_header_id|>user<|end_header_id|>

            Fix the bug 🐛 in add().<|eot_id|><|start_header_id|>assistant<|end_header_id|>

            Done.<|eot_id|><|start_header_id|>user<|end_header_id|>

            Now test it.<|eot_id|><|start_header_id|>assistant<|end_header_id|>

            """);
  }

  @Test
  void unknownTemplate_namesTheSupportedOnes() {
    assertThatThrownBy(() -> ChatTemplate.fromJinja("[INST] {{ message }} [/INST]"))
        .hasMessageContaining("supported: ChatML, Gemma, Llama-3");
    assertThatThrownBy(() -> ChatTemplate.fromJinja(null)).hasMessageContaining("no tokenizer");
  }
}
