package dev.apex.backends.llamanative;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class JsonSchemaGrammarTest {

  @Test
  void objectWithRequiredFields_listsThemInOrderAndDefinesWhatTheyUse() {
    String gbnf =
        JsonSchemaGrammar.toGbnf(
            """
            {"type":"object","properties":{"answer":{"type":"string"},"done":{"type":"boolean"}},
             "required":["answer","done"]}
            """);
    assertThat(gbnf)
        .startsWith(
            "root ::= \"{\" space \"\\\"answer\\\"\" space \":\" space root-answer \",\" space"
                + " \"\\\"done\\\"\" space \":\" space root-done \"}\" space\n")
        .contains("root-answer ::= string\n", "root-done ::= boolean\n")
        .contains("string ::= ", "char ::= ", "boolean ::= ", "space ::= ");
  }

  @Test
  void optionalField_isAnOptionalGroupAfterTheRequiredOnes() {
    String gbnf =
        JsonSchemaGrammar.toGbnf(
            """
            {"type":"object","properties":{"path":{"type":"string"},
             "action":{"enum":["tests","script"]}},"required":["action"]}
            """);
    assertThat(gbnf)
        .contains(
            "root ::= \"{\" space \"\\\"action\\\"\" space \":\" space root-action"
                + " (\",\" space \"\\\"path\\\"\" space \":\" space root-path)? \"}\" space")
        .contains("root-action ::= (\"\\\"tests\\\"\" | \"\\\"script\\\"\") space");
  }

  @Test
  void arrayOfAlternatives_boundsItsLength() {
    String gbnf =
        JsonSchemaGrammar.toGbnf(
            """
            {"type":"array","minItems":1,"maxItems":3,"items":{"anyOf":[
             {"type":"object","properties":{"a":{"type":"string"}},"required":["a"]},
             {"type":"integer"}]}}
            """);
    assertThat(gbnf)
        .contains("root ::= \"[\" space root-item (\",\" space root-item){0,2} \"]\" space")
        .contains("root-item ::= root-item-0 | root-item-1")
        .contains("root-item-1 ::= integer");
  }

  @Test
  void noType_acceptsAnyJson() {
    assertThat(JsonSchemaGrammar.toGbnf("{}"))
        .startsWith("root ::= value\n")
        .contains("object ::= ", "array ::= ", "number ::= ", "null ::= ");
  }

  @Test
  void refAndBadJson_areRefusedWithTheReason() {
    assertThatThrownBy(() -> JsonSchemaGrammar.toGbnf("{\"$ref\":\"#/x\"}"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("$ref is not supported");
    assertThatThrownBy(() -> JsonSchemaGrammar.toGbnf("{not json"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("jsonSchema is not JSON");
  }
}
