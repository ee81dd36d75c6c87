package com.qmsflow.forms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class FormSchemaValidatorTest {

  private final FormSchemaValidator validator = new FormSchemaValidator();

  /** A form as Camunda Modeler writes it for Camunda 7, with the given components. */
  private static String form(String components) {
    return """
    {
      "components": [%s],
      "type": "default",
      "id": "test-form",
      "executionPlatform": "Camunda Platform",
      "executionPlatformVersion": "7.24.0",
      "exporter": { "name": "Camunda Modeler", "version": "5.38.0" },
      "schemaVersion": 16
    }
    """
        .formatted(components);
  }

  private static FormSchema schema(String components) {
    return FormSchema.parse(form(components));
  }

  private static Map<String, Object> vars(Object... keyValues) {
    Map<String, Object> map = new HashMap<>();
    for (int i = 0; i < keyValues.length; i += 2) {
      map.put((String) keyValues[i], keyValues[i + 1]);
    }
    return map;
  }

  private List<String> messages(FormSchema schema, Map<String, Object> variables) {
    return validator.validate(schema, variables).stream().map(FieldError::message).toList();
  }

  private static final String QUANTITY =
      """
      { "label": "Quantity defective", "type": "number", "key": "quantityDefective", "id": "Field_q",
        "layout": { "row": "Row_1", "columns": null },
        "validate": { "required": true, "min": 0, "max": 1000 } }
      """;

  // -------------------------------------------------------------------------------------------------------------

  @Nested
  class Parsing {

    @Test
    void readsIdAndFieldPropertiesIncludingNestedGroups() {
      FormSchema schema =
          schema(
              """
              { "type": "text", "text": "# Register complaint", "id": "Text_1" },
              { "label": "Customer code", "type": "textfield", "key": "customerCode",
                "validate": { "required": true, "pattern": "^C[0-9]{3,}$", "minLength": 4, "maxLength": "20" } },
              { "type": "group", "label": "Contact", "id": "Group_1", "showOutline": true,
                "components": [
                  { "label": "Email", "type": "textfield", "key": "contactEmail",
                    "validate": { "validationType": "email" } },
                  { "type": "group", "label": "Inner", "components": [
                    { "label": "Production date", "type": "datetime", "key": "productionDate",
                      "subtype": "date", "dateLabel": "Date", "validate": { "required": true } } ] }
                ] },
              { "label": "Channel", "type": "select", "key": "channel",
                "values": [ { "label": "Phone", "value": "phone" }, { "label": "Email", "value": "email" } ] },
              { "label": "Supplier", "type": "select", "key": "supplier", "valuesKey": "suppliers" },
              { "label": "Purchase date", "type": "datetime", "key": "purchaseDate" },
              { "label": "Submit", "type": "button", "action": "submit", "key": "submit" },
              { "type": "spacer", "height": 60 }
              """);

      assertThat(schema.id()).isEqualTo("test-form");
      assertThat(schema.fields())
          .extracting(FormSchema.Field::key)
          .containsExactly(
              "customerCode",
              "contactEmail",
              "productionDate",
              "channel",
              "supplier",
              "purchaseDate");

      FormSchema.Field code = schema.field("customerCode").orElseThrow();
      assertThat(code.label()).isEqualTo("Customer code");
      assertThat(code.type()).isEqualTo("textfield");
      assertThat(code.required()).isTrue();
      assertThat(code.pattern()).isEqualTo("^C[0-9]{3,}$");
      assertThat(code.minLength()).isEqualTo(4);
      assertThat(code.maxLength()).isEqualTo(20);

      assertThat(schema.field("contactEmail").orElseThrow().validationType()).isEqualTo("email");
      assertThat(schema.field("productionDate").orElseThrow().subtype()).isEqualTo("date");
      assertThat(schema.field("purchaseDate").orElseThrow().subtype())
          .as("form-js default")
          .isEqualTo("date");
      assertThat(schema.field("channel").orElseThrow().allowedValues())
          .containsExactly("phone", "email");
      assertThat(schema.field("supplier").orElseThrow().allowedValues()).as("any value").isNull();
      assertThat(schema.field("quantity")).isEmpty();
    }

    @Test
    void skipsDynamicListChildrenWithoutFailing() {
      FormSchema schema =
          schema(
              """
              { "type": "dynamiclist", "label": "Items", "path": "items", "isRepeating": true,
                "components": [ { "label": "Item", "type": "textfield", "key": "item",
                                  "validate": { "required": true } } ] },
              { "label": "Note", "type": "textarea", "key": "note" }
              """);

      assertThat(schema.fields()).extracting(FormSchema.Field::key).containsExactly("note");
      assertThat(validator.validate(schema, Map.of("items", List.of(Map.of())))).isEmpty();
    }

    @Test
    void prefixesKeysWithGroupPath() {
      FormSchema schema =
          schema(
              """
              { "type": "group", "path": "address", "components": [
                { "label": "Zip", "type": "textfield", "key": "zip", "validate": { "required": true } } ] }
              """);

      assertThat(schema.fields()).extracting(FormSchema.Field::key).containsExactly("address.zip");
    }

    @Test
    void ignoresFeelExpressionsItCannotEvaluate() {
      FormSchema schema =
          schema(
              """
              { "label": "=\\"Amount in \\" + currency", "type": "number", "key": "amount",
                "validate": { "min": "=minimumAmount", "max": "5" } },
              { "label": "Colour", "type": "radio", "key": "colour", "valuesExpression": "=colours" }
              """);

      FormSchema.Field amount = schema.field("amount").orElseThrow();
      assertThat(amount.label()).isNull();
      assertThat(amount.min()).isNull();
      assertThat(amount.max()).isEqualByComparingTo("5");
      assertThat(messages(schema, vars("amount", -3, "colour", "anything"))).isEmpty();
      assertThat(messages(schema, vars("amount", 6))).containsExactly("amount must be at most 5");
    }

    @Test
    void rejectsInvalidJsonAndInvalidPatterns() {
      assertThatThrownBy(() -> FormSchema.parse("{ not json"))
          .isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> FormSchema.parse("[]")).isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(
              () ->
                  schema(
                      """
                      { "label": "Code", "type": "textfield", "key": "code", "validate": { "pattern": "[A-Z" } }
                      """))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("code")
          .hasMessageContaining("[A-Z");
    }

    @Test
    void formWithoutComponentsHasNoFields() {
      FormSchema schema = FormSchema.parse("{ \"id\": \"empty\" }");
      assertThat(schema.fields()).isEmpty();
      assertThat(validator.validate(schema, Map.of("x", 1))).isEmpty();
    }
  }

  // -------------------------------------------------------------------------------------------------------------

  @Nested
  class Required {

    private final FormSchema schema =
        schema(
            """
            { "label": "Customer code", "type": "textfield", "key": "customerCode",
              "validate": { "required": true } },
            { "label": "Urgent", "type": "checkbox", "key": "urgent", "validate": { "required": true } },
            { "label": "Confirmed items", "type": "checklist", "key": "confirmedItems",
              "values": [ { "label": "A", "value": "a" }, { "label": "B", "value": "b" } ],
              "validate": { "required": true } },
            { "label": "Comment", "type": "textarea", "key": "comment", "validate": { "maxLength": 5 } }
            """);

    @Test
    void missingNullBlankAndEmptyListFail() {
      assertThat(messages(schema, vars("urgent", true)))
          .containsExactly(
              "Customer code (customerCode) is required",
              "Confirmed items (confirmedItems) is required");
      assertThat(
              messages(
                  schema, vars("customerCode", "   ", "urgent", null, "confirmedItems", List.of())))
          .containsExactly(
              "Customer code (customerCode) is required",
              "Urgent (urgent) is required",
              "Confirmed items (confirmedItems) is required");
    }

    @Test
    void uncheckedCheckboxCountsAsPresent() {
      assertThat(
              validator.validate(
                  schema,
                  vars("customerCode", "C123", "urgent", false, "confirmedItems", List.of("a"))))
          .isEmpty();
    }

    @Test
    void absentOptionalFieldsProduceNoError() {
      assertThat(
              validator.validate(
                  schema,
                  vars(
                      "customerCode",
                      "C123",
                      "urgent",
                      true,
                      "confirmedItems",
                      List.of("b"),
                      "comment",
                      null)))
          .isEmpty();
      assertThat(validator.validate(schema(QUANTITY.replace("\"required\": true, ", "")), Map.of()))
          .isEmpty();
      assertThat(validator.validate(schema(QUANTITY.replace("\"required\": true, ", "")), null))
          .isEmpty();
    }

    @Test
    void errorsNameTheFieldByKey() {
      List<FieldError> errors =
          validator.validate(schema, vars("urgent", true, "confirmedItems", List.of("a")));
      assertThat(errors)
          .containsExactly(
              new FieldError("customerCode", "Customer code (customerCode) is required"));
    }

    @Test
    void fieldWithoutLabelIsNamedByKeyOnly() {
      FormSchema unlabelled =
          schema(
              """
              { "type": "textfield", "key": "batchNumber", "validate": { "required": true } }
              """);
      assertThat(messages(unlabelled, Map.of())).containsExactly("batchNumber is required");
    }
  }

  // -------------------------------------------------------------------------------------------------------------

  @Nested
  class Numbers {

    private final FormSchema schema = schema(QUANTITY);

    @Test
    void exactMinAndMaxMessages() {
      assertThat(messages(schema, vars("quantityDefective", -1)))
          .containsExactly("Quantity defective (quantityDefective) must be at least 0");
      assertThat(messages(schema, vars("quantityDefective", 1001)))
          .containsExactly("Quantity defective (quantityDefective) must be at most 1000");
    }

    @Test
    void acceptsEveryNumericRepresentation() {
      for (Object ok :
          List.of(
              0,
              5L,
              2.5d,
              7.0f,
              new BigDecimal("1000.000"),
              "12",
              " 3.5 ",
              "1e2",
              java.math.BigInteger.TEN,
              (short) 4)) {
        assertThat(validator.validate(schema, vars("quantityDefective", ok)))
            .as("%s", ok)
            .isEmpty();
      }
    }

    @Test
    void checksBoundsForEveryNumericRepresentation() {
      for (Object tooSmall : List.of(-1, -1L, -0.5d, new BigDecimal("-0.001"), "-2")) {
        assertThat(messages(schema, vars("quantityDefective", tooSmall)))
            .as("%s", tooSmall)
            .containsExactly("Quantity defective (quantityDefective) must be at least 0");
      }
      for (Object tooBig : List.of(1001, 1000.5d, new BigDecimal("1000.01"), "2000")) {
        assertThat(messages(schema, vars("quantityDefective", tooBig)))
            .as("%s", tooBig)
            .containsExactly("Quantity defective (quantityDefective) must be at most 1000");
      }
    }

    @Test
    void nonNumericValueIsAnError() {
      for (Object bad : List.of("twelve", "12abc", "NaN", Double.NaN, true, List.of(1))) {
        assertThat(messages(schema, vars("quantityDefective", bad)))
            .as("%s", bad)
            .containsExactly("Quantity defective (quantityDefective) must be a number");
      }
    }

    @Test
    void decimalMinAndMaxAreFormattedPlainly() {
      FormSchema decimals =
          schema(
              """
              { "label": "Rate", "type": "number", "key": "rate", "validate": { "min": 0.5, "max": "2.50" } }
              """);
      assertThat(messages(decimals, vars("rate", 0.25)))
          .containsExactly("Rate (rate) must be at least 0.5");
      assertThat(messages(decimals, vars("rate", "3")))
          .containsExactly("Rate (rate) must be at most 2.5");
    }

    @Test
    void decimalDigitsAndIncrement() {
      FormSchema rules =
          schema(
              """
              { "label": "Count", "type": "number", "key": "count", "decimalDigits": 0 },
              { "label": "Price", "type": "number", "key": "price", "decimalDigits": 2, "increment": "0.05" }
              """);
      assertThat(validator.validate(rules, vars("count", 3, "price", new BigDecimal("1.10"))))
          .isEmpty();
      assertThat(validator.validate(rules, vars("count", 3.0, "price", "2.00"))).isEmpty();
      assertThat(messages(rules, vars("count", 2.5, "price", "1.234")))
          .containsExactly(
              "Count (count) must be a whole number",
              "Price (price) must have at most 2 decimal digits",
              "Price (price) must be a multiple of 0.05");
      assertThat(messages(rules, vars("price", "1.12")))
          .containsExactly("Price (price) must be a multiple of 0.05");
    }
  }

  // -------------------------------------------------------------------------------------------------------------

  @Nested
  class Text {

    @Test
    void minAndMaxLengthCountTheTrimmedValue() {
      FormSchema schema =
          schema(
              """
              { "label": "Description", "type": "textarea", "key": "description",
                "validate": { "minLength": 10, "maxLength": 20 } }
              """);
      assertThat(messages(schema, vars("description", "too short")))
          .containsExactly("Description (description) must be at least 10 characters long");
      assertThat(messages(schema, vars("description", "  123456789  ")))
          .containsExactly("Description (description) must be at least 10 characters long");
      assertThat(messages(schema, vars("description", "x".repeat(21))))
          .containsExactly("Description (description) must be at most 20 characters long");
      assertThat(validator.validate(schema, vars("description", "exactly ten"))).isEmpty();
      assertThat(validator.validate(schema, vars("description", "x".repeat(20) + "   "))).isEmpty();
    }

    @Test
    void anchoredPatternMustMatch() {
      FormSchema schema =
          schema(
              """
              { "label": "Customer code", "type": "textfield", "key": "customerCode",
                "validate": { "pattern": "^C[0-9]{3,}$" } }
              """);
      assertThat(validator.validate(schema, vars("customerCode", "C1234"))).isEmpty();
      assertThat(messages(schema, vars("customerCode", "X1234")))
          .containsExactly("Customer code (customerCode) must match the pattern ^C[0-9]{3,}$");
      assertThat(messages(schema, vars("customerCode", "C123\n"))).hasSize(1);
    }

    @Test
    void unanchoredPatternMustMatchTheWholeValue() {
      FormSchema schema =
          schema(
              """
              { "label": "Defect code", "type": "textfield", "key": "defectCode",
                "validate": { "pattern": "[A-Z0-9-]{2,5}|N/A" } }
              """);
      assertThat(validator.validate(schema, vars("defectCode", "AB-1"))).isEmpty();
      assertThat(validator.validate(schema, vars("defectCode", "N/A"))).isEmpty();
      assertThat(messages(schema, vars("defectCode", "xxAB-1yy")))
          .containsExactly("Defect code (defectCode) must match the pattern [A-Z0-9-]{2,5}|N/A");
      assertThat(messages(schema, vars("defectCode", "AB-1 N/A"))).hasSize(1);
    }

    @Test
    void emailAndPhoneValidationTypes() {
      FormSchema schema =
          schema(
              """
              { "label": "Email", "type": "textfield", "key": "email",
                "validate": { "validationType": "email" } },
              { "label": "Phone", "type": "textfield", "key": "phone",
                "validate": { "validationType": "phone" } },
              { "label": "Other", "type": "textfield", "key": "other",
                "validate": { "validationType": "custom", "pattern": "[a-z]+" } }
              """);
      assertThat(
              validator.validate(
                  schema,
                  vars(
                      "email",
                      "jane.doe+qms@example.co.uk",
                      "phone",
                      "+4930664040900",
                      "other",
                      "abc")))
          .isEmpty();
      assertThat(validator.validate(schema, vars("phone", "00861088886666"))).isEmpty();
      assertThat(
              messages(
                  schema, vars("email", "jane.doe@", "phone", "030 664040900", "other", "ABC")))
          .containsExactly(
              "Email (email) must be a valid email address",
              "Phone (phone) must be a valid international phone number (e.g. +4930664040900)",
              "Other (other) must match the pattern [a-z]+");
      for (String badEmail :
          List.of("plainaddress", "a b@example.com", "@example.com", "a@-example.com")) {
        assertThat(messages(schema, vars("email", badEmail))).as(badEmail).hasSize(1);
      }
      for (String badPhone :
          List.of("+0123456789", "+12345", "+49 30 664040900", "phone: +4930664040900")) {
        assertThat(messages(schema, vars("phone", badPhone))).as(badPhone).hasSize(1);
      }
    }

    @Test
    void nonTextValueIsAnError() {
      FormSchema schema =
          schema(
              """
              { "label": "Name", "type": "textfield", "key": "name", "validate": { "maxLength": 3 } }
              """);
      assertThat(messages(schema, vars("name", Map.of("a", 1))))
          .containsExactly("Name (name) must be text");
      assertThat(validator.validate(schema, vars("name", 123)))
          .as("scalars are read as text")
          .isEmpty();
    }
  }

  // -------------------------------------------------------------------------------------------------------------

  @Nested
  class Choices {

    private final FormSchema schema =
        schema(
            """
            { "label": "Channel", "type": "select", "key": "channel",
              "values": [ { "label": "Phone", "value": "phone" }, { "label": "E-mail", "value": "email" } ] },
            { "label": "Complaint validity", "type": "radio", "key": "complaintValidity",
              "values": [ { "label": "Valid", "value": "valid" }, { "label": "Invalid", "value": "invalid" } ] },
            { "label": "Rating", "type": "radio", "key": "rating",
              "values": [ { "label": "One", "value": "1" }, { "label": "Two", "value": "2" } ] },
            { "label": "Department", "type": "select", "key": "department", "valuesKey": "departments" },
            { "label": "Tags", "type": "taglist", "key": "tags",
              "values": [ { "label": "Red", "value": "red" }, { "label": "Blue", "value": "blue" } ] },
            { "label": "Sources", "type": "checklist", "key": "sources", "valuesExpression": "=sourceOptions" }
            """);

    @Test
    void staticValuesAreEnforced() {
      assertThat(
              validator.validate(
                  schema,
                  vars(
                      "channel",
                      "email",
                      "complaintValidity",
                      "valid",
                      "rating",
                      2,
                      "tags",
                      List.of("red", "blue"))))
          .isEmpty();
      assertThat(messages(schema, vars("channel", "fax", "complaintValidity", "maybe")))
          .containsExactly(
              "Channel (channel) must be one of: phone, email",
              "Complaint validity (complaintValidity) must be one of: valid, invalid");
      assertThat(messages(schema, vars("complaintValidity", true)))
          .containsExactly("Complaint validity (complaintValidity) must be one of: valid, invalid");
      assertThat(messages(schema, vars("channel", List.of("phone"))))
          .containsExactly("Channel (channel) must be one of: phone, email");
    }

    @Test
    void numericValuesMatchNumericOptions() {
      assertThat(validator.validate(schema, vars("rating", 1L))).isEmpty();
      assertThat(validator.validate(schema, vars("rating", 2.0d))).isEmpty();
      assertThat(messages(schema, vars("rating", 3)))
          .containsExactly("Rating (rating) must be one of: 1, 2");
    }

    @Test
    void multiValueFieldsCheckEveryElement() {
      assertThat(messages(schema, vars("tags", List.of("red", "green"))))
          .containsExactly("Tags (tags) contains 'green', which is not one of: red, blue");
      assertThat(messages(schema, vars("tags", "red")))
          .containsExactly("Tags (tags) must be a list of values");
      assertThat(validator.validate(schema, vars("tags", new String[] {"blue"}))).isEmpty();
    }

    @Test
    void dynamicValuesAcceptAnything() {
      assertThat(
              validator.validate(
                  schema, vars("department", "whatever", "sources", List.of("x", "y"))))
          .isEmpty();
    }
  }

  // -------------------------------------------------------------------------------------------------------------

  @Nested
  class DatesAndCheckboxes {

    private final FormSchema schema =
        schema(
            """
            { "label": "Production date", "type": "datetime", "key": "productionDate", "subtype": "date",
              "dateLabel": "Date", "validate": { "required": true } },
            { "label": "Meeting time", "type": "datetime", "key": "meetingTime", "subtype": "time",
              "timeLabel": "Time", "use24h": true, "timeSerializingFormat": "utc_offset" },
            { "label": "Received at", "type": "datetime", "key": "receivedAt", "subtype": "datetime",
              "timeSerializingFormat": "no_timezone" },
            { "label": "Urgent", "type": "checkbox", "key": "urgent" }
            """);

    @Test
    void dateMustBeIsoLocalDate() {
      assertThat(validator.validate(schema, vars("productionDate", "2026-02-28"))).isEmpty();
      assertThat(validator.validate(schema, vars("productionDate", LocalDate.of(2026, 2, 28))))
          .isEmpty();
      for (Object bad :
          List.of("2026-02-30", "28.02.2026", "2026-2-28", "2026-02-28T10:00", 20260228)) {
        assertThat(messages(schema, vars("productionDate", bad)))
            .as("%s", bad)
            .containsExactly(
                "Production date (productionDate) must be a date in the format yyyy-MM-dd");
      }
    }

    @Test
    void timeAndDateTimeSubtypes() {
      assertThat(
              validator.validate(
                  schema,
                  vars(
                      "productionDate",
                      "2026-01-05",
                      "meetingTime",
                      "14:30+02:00",
                      "receivedAt",
                      "2026-01-05T14:30")))
          .isEmpty();
      assertThat(
              validator.validate(
                  schema,
                  vars(
                      "productionDate",
                      "2026-01-05",
                      "meetingTime",
                      "09:15",
                      "receivedAt",
                      "2026-01-05T14:30:00Z")))
          .isEmpty();
      assertThat(
              messages(
                  schema,
                  vars(
                      "productionDate",
                      "2026-01-05",
                      "meetingTime",
                      "25:00",
                      "receivedAt",
                      "2026-01-05")))
          .containsExactly(
              "Meeting time (meetingTime) must be a time in the format HH:mm",
              "Received at (receivedAt) must be a date and time in the format yyyy-MM-ddTHH:mm");
    }

    @Test
    void checkboxMustBeBoolean() {
      assertThat(
              validator.validate(schema, vars("productionDate", "2026-01-05", "urgent", "false")))
          .isEmpty();
      assertThat(messages(schema, vars("productionDate", "2026-01-05", "urgent", "yes")))
          .containsExactly("Urgent (urgent) must be true or false");
    }
  }

  // -------------------------------------------------------------------------------------------------------------

  @Nested
  class SkippedFields {

    @Test
    void readonlyAndDisabledFieldsAreNotValidated() {
      FormSchema schema =
          schema(
              """
              { "label": "Complaint number", "type": "textfield", "key": "complaintNumber", "readonly": true,
                "validate": { "required": true, "pattern": "CC-[0-9]{4}-[0-9]{6}" } },
              { "label": "Severity", "type": "select", "key": "severity", "disabled": true,
                "values": [ { "label": "Minor", "value": "minor" } ], "validate": { "required": true } },
              { "type": "group", "label": "Shown", "readonly": true, "components": [
                { "label": "Batch", "type": "textfield", "key": "batchNumber",
                  "validate": { "required": true } } ] },
              { "label": "Quantity", "type": "number", "key": "quantity", "readonly": false,
                "validate": { "required": true } }
              """);

      assertThat(schema.field("complaintNumber").orElseThrow().skipped()).isTrue();
      assertThat(schema.field("batchNumber").orElseThrow().readonly()).isTrue();
      assertThat(messages(schema, vars("complaintNumber", "garbage", "severity", "catastrophic")))
          .containsExactly("Quantity (quantity) is required");
    }

    @Test
    void conditionallyHiddenFieldsAreNotRequiredButOtherwiseChecked() {
      FormSchema schema =
          schema(
              """
              { "label": "Sample taken", "type": "checkbox", "key": "sampleTaken" },
              { "label": "Sample received", "type": "datetime", "key": "sampleReceivedDate", "subtype": "date",
                "conditional": { "hide": "=not(sampleTaken)" }, "validate": { "required": true } },
              { "label": "Reason", "type": "textarea", "key": "reason", "readonly": "=locked",
                "validate": { "required": true, "minLength": 5 } }
              """);

      assertThat(schema.field("sampleReceivedDate").orElseThrow().conditional()).isTrue();
      assertThat(schema.field("reason").orElseThrow().readonly()).isFalse();
      assertThat(validator.validate(schema, vars("sampleTaken", false))).isEmpty();
      assertThat(messages(schema, vars("sampleReceivedDate", "yesterday", "reason", "no")))
          .containsExactly(
              "Sample received (sampleReceivedDate) must be a date in the format yyyy-MM-dd",
              "Reason (reason) must be at least 5 characters long");
    }
  }

  // -------------------------------------------------------------------------------------------------------------

  @Nested
  class NestedValues {

    private final FormSchema schema =
        schema(
            """
            { "type": "group", "label": "Address", "path": "address", "components": [
              { "label": "Zip", "type": "textfield", "key": "zip",
                "validate": { "required": true, "pattern": "[0-9]{6}" } } ] },
            { "label": "Contact phone", "type": "textfield", "key": "contact.phone",
              "validate": { "validationType": "phone" } }
            """);

    @Test
    void dottedKeysAreResolvedThroughMapsAndJsonNodes() throws Exception {
      assertThat(validator.validate(schema, vars("address", Map.of("zip", "100000")))).isEmpty();
      assertThat(messages(schema, vars("address", Map.of("zip", "1000"))))
          .containsExactly("Zip (address.zip) must match the pattern [0-9]{6}");
      assertThat(messages(schema, Map.of())).containsExactly("Zip (address.zip) is required");

      var json = new ObjectMapper().readTree("{ \"zip\": \"12\" }");
      assertThat(validator.validate(schema, vars("address", json)))
          .containsExactly(
              new FieldError("address.zip", "Zip (address.zip) must match the pattern [0-9]{6}"));
      assertThat(validator.validate(schema, vars("address.zip", "123456", "contact.phone", "12")))
          .extracting(FieldError::field)
          .containsExactly("contact.phone");
    }

    @Test
    void opaqueParentValuesAreSkipped() {
      Object opaque = new Object() {};
      assertThat(validator.validate(schema, vars("address", opaque))).isEmpty();
    }
  }

  // -------------------------------------------------------------------------------------------------------------

  @Test
  void exceptionMessageHasOneLinePerError() {
    FormSchema schema =
        schema(
            QUANTITY
                + """
                , { "label": "Customer code", "type": "textfield", "key": "customerCode",
                    "validate": { "required": true } }
                """);

    assertThatThrownBy(() -> validator.validateOrThrow(schema, vars("quantityDefective", "-3")))
        .isInstanceOfSatisfying(
            FormValidationException.class,
            e -> {
              assertThat(e.getMessage())
                  .isEqualTo(
                      """
                      Please correct: Quantity defective (quantityDefective) must be at least 0
                      Please correct: Customer code (customerCode) is required\
                      """);
              assertThat(e.getErrors())
                  .extracting(FieldError::field)
                  .containsExactly("quantityDefective", "customerCode");
            });

    validator.validateOrThrow(schema, vars("quantityDefective", 3, "customerCode", "C001"));
    assertThatThrownBy(() -> new FormValidationException(List.of()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void cacheParsesEachFormOnce() {
    FormSchemaCache cache = new FormSchemaCache();
    AtomicInteger loads = new AtomicInteger();

    FormSchema first =
        cache.get(
            "register-complaint:1:abc",
            () -> {
              loads.incrementAndGet();
              return form(QUANTITY);
            });
    FormSchema second =
        cache.get(
            "register-complaint:1:abc",
            () -> {
              loads.incrementAndGet();
              return form(QUANTITY);
            });

    assertThat(second).isSameAs(first);
    assertThat(loads).hasValue(1);
    assertThat(cache.size()).isEqualTo(1);
    assertThat(cache.getIfPresent("register-complaint:1:abc")).containsSame(first);

    assertThatThrownBy(() -> cache.get("broken", "{ nope"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(cache.getIfPresent("broken")).isEmpty();

    cache.invalidate("register-complaint:1:abc");
    assertThat(cache.get("register-complaint:1:abc", form(QUANTITY))).isNotSameAs(first);
    cache.clear();
    assertThat(cache.size()).isZero();
  }

  @Test
  void cacheIsSafeUnderConcurrentAccess() throws Exception {
    FormSchemaCache cache = new FormSchemaCache();
    var pool = java.util.concurrent.Executors.newFixedThreadPool(8);
    try {
      var futures = new java.util.ArrayList<java.util.concurrent.Future<FormSchema>>();
      for (int i = 0; i < 64; i++) {
        futures.add(pool.submit(() -> cache.get("form", form(QUANTITY))));
      }
      FormSchema expected = futures.get(0).get();
      for (var f : futures) {
        assertThat(f.get()).isSameAs(expected);
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
