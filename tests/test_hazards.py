"""Every case of HAZARDS.md (1-23) names the tests that show the workbench handles it.

The table is the index a reviewer reads; the test below keeps it honest: a test renamed or
removed makes it fail, so a hazard cannot silently lose its test.
"""

from __future__ import annotations

import importlib

import pytest

HAZARD_TESTS: dict[int, tuple[str, ...]] = {
    # Opening a project file
    1: ("test_store_hostile::test_zero_byte_file", "test_store_hostile::test_text_file_renamed",
        "test_store_hostile::test_another_programs_sqlite_file",
        "test_ui_files::test_hostile_files_give_a_dialog_and_the_window_stays_up"),
    2: ("test_store_hostile::test_random_bytes", "test_store_hostile::test_truncated_file",
        "test_store_hostile::test_flipped_bytes_in_a_table_btree_page",
        "test_store_hostile::test_random_page_damage_never_crashes",
        "test_store_values::test_every_command_works_and_check_names_the_wrong_value",
        "test_fuzz_projects::test_fuzzed_project_files_never_crash_a_command",
        "test_fuzz_projects::test_fuzzed_project_files_in_the_window"),
    3: ("test_store_hostile::test_file_with_a_trigger_is_refused_and_the_trigger_never_runs",
        "test_store_hostile::test_file_with_a_view_is_refused"),
    4: ("test_store_hostile::test_newer_version_opens_read_only_and_unchanged",
        "test_store_hostile::test_hazard_04_user_version_minus_one_is_not_a_newer_version",
        "test_ui_files::test_a_newer_version_file_opens_read_only_with_a_banner"),
    5: ("test_store_migration::test_upgrade_backs_up_the_old_file_beside_it",
        "test_store_migration::test_migration_killed_midway_leaves_the_old_file_intact",
        "test_store_hostile::test_hazard_05_killed_while_committing_an_upgrade_opens_at_the_first_try"),
    6: ("test_store_journal::test_hot_journal_is_rolled_back_on_open",
        "test_store_journal::test_hot_journal_is_never_deleted_by_the_workbench",
        "test_store_hostile::test_hazard_06_a_journal_that_is_not_the_files_is_moved_aside",
        "test_store_hostile::test_hazard_06_a_journal_that_is_the_files_is_rolled_back_not_moved"),
    7: ("test_store_journal::test_process_killed_around_an_edit",
        "test_import_kill::test_sigkill_mid_import_loses_no_committed_source",
        "test_store_journal::test_process_killed_during_share_leaves_the_previous_copy",
        "test_output_paths::test_a_killed_export_leaves_a_temp_file_the_next_export_removes"),
    8: ("test_cli_commands::test_share_to_a_full_disk_keeps_the_previous_target",
        "test_cli_commands::test_share_to_an_unwritable_folder_keeps_the_previous_copy",
        "test_export_pdf::test_cancel_and_failure_leave_no_partial_file_and_keep_the_old_one",
        "test_output_paths::test_project_named_x_pdf_exported_to_x_pdf_is_refused"),
    9: ("test_store_locking::test_second_opener_is_read_only_and_says_who",
        "test_store_locking::test_many_processes_opening_at_once_get_exactly_one_writer",
        "test_store_locking::test_empty_or_unreadable_lock_left_by_a_crash_is_taken_over",
        "test_ui_files::test_second_window_on_the_same_file_is_read_only"),
    10: ("test_store_locking::test_read_only_file_opens_read_only",
         "test_store_locking::test_read_only_folder_opens_read_only",
         "test_ui_files::test_read_only_banner_save_a_copy_opens_a_writable_copy"),
    11: ("test_store_paths::test_create_open_share_import", "test_store_paths::test_cli_with_odd_names"),
    # Text inside cells and sources
    12: ("test_export_hostile::test_hostile_text_prints_literally_and_nothing_is_read_or_fetched",),
    13: ("test_export_hostile::test_hostile_text_prints_literally_and_nothing_is_read_or_fetched",),
    14: ("test_export_hostile::test_hostile_text_prints_literally_and_nothing_is_read_or_fetched",),
    15: ("test_ui_preview::test_markdown_html_escapes_raw_html_and_drops_images",
         "test_ui_preview::test_preview_loads_no_resource",
         "test_ui_preview::test_links_are_followed_only_for_web_addresses_and_only_after_asking"),
    16: ("test_brief_markdown::test_pathological_markdown_is_bounded_and_balanced",
         "test_ui_preview::test_pathological_options_do_not_block_the_window",
         "test_ui_reader_long::test_a_500_kb_line_without_spaces_shows_and_cites"),
    17: ("test_export_pdf::test_megabyte_cell_and_five_thousand_character_word_still_export",),
    18: ("test_export_hostile::test_unknown_characters_get_a_visible_stand_in_not_a_box",
         "test_ingest_text::test_mixed_controls_and_nuls_are_dropped",
         "test_cli_terminal::test_text_output_has_no_raw_control_characters"),
    19: ("test_store_search::test_hostile_query_never_raises",),
    # Imported files
    20: ("test_ingest_pdf::test_encrypted_pdf_is_refused_with_a_plain_message",
         "test_ingest_pdf::test_image_only_pdf_needs_ocr",
         "test_ingest_pdf::test_five_hundred_pages_in_reasonable_time",
         "test_import_formats::test_bad_files_are_reported_and_the_batch_goes_on"),
    21: ("test_ingest_html::test_hostile_page_gives_main_text_only",),
    22: ("test_import_formats::test_duplicates_are_recognised_by_their_text",),
    23: ("test_ingest_text::test_cp1252_file_reads_as_text", "test_ingest_text::test_utf16_file_with_bom_reads_as_text"),
}


def test_every_hazard_has_tests():
    assert sorted(HAZARD_TESTS) == list(range(1, 24))


@pytest.mark.parametrize("hazard", sorted(HAZARD_TESTS))
def test_hazard_tests_exist(hazard: int):
    for node in HAZARD_TESTS[hazard]:
        module, name = node.split("::")
        assert callable(getattr(importlib.import_module(module), name, None)), f"HAZARDS {hazard}: {node} is gone"
