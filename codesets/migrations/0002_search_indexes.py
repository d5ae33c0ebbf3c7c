"""Search structures per database.

PostgreSQL: code keys compare byte-wise (prefix ranges stay correct under any
server locale), a GIN index over the weighted tsvector, and a trigram index
over the word list for typo correction. SQLite: an FTS5 table keyed by the
code's id.
"""

from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations

from codesets.db_operations import RunSQLOn


class Migration(migrations.Migration):
    dependencies = [("codesets", "0001_initial")]

    operations = [
        TrigramExtension(),
        RunSQLOn(
            "postgresql",
            [
                'ALTER TABLE codesets_code ALTER COLUMN "key" TYPE varchar(16) COLLATE "C"',
                'ALTER TABLE codesets_searchword ALTER COLUMN word TYPE varchar(60) COLLATE "C"',
                "CREATE INDEX code_search_vector_gin ON codesets_code USING gin (search_vector)",
                "CREATE INDEX searchword_trigram_gin ON codesets_searchword USING gin (word gin_trgm_ops)",
            ],
            [
                "DROP INDEX searchword_trigram_gin",
                "DROP INDEX code_search_vector_gin",
                'ALTER TABLE codesets_searchword ALTER COLUMN word TYPE varchar(60) COLLATE "default"',
                'ALTER TABLE codesets_code ALTER COLUMN "key" TYPE varchar(16) COLLATE "default"',
            ],
        ),
        RunSQLOn(
            "sqlite",
            # rowid = description length * 2**32 + code id: FTS5 walks matches in rowid order, so
            # "ORDER BY rowid LIMIT n" lists the shortest descriptions first and stops early.
            "CREATE VIRTUAL TABLE codesets_code_fts USING fts5("
            "description, terms, tokenize = 'porter unicode61 remove_diacritics 2')",
            "DROP TABLE codesets_code_fts",
        ),
    ]
