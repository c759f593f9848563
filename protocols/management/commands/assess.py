"""`manage.py assess FILE.json`: print the same assessment JSON the API returns, for scripts and audits."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import DatabaseError

from core.api_errors import field_errors_nest
from protocols.api_assess import assessment_build
from protocols.engine import EngineInputError
from protocols.registry import ProtocolNotFound


class Command(BaseCommand):
    help = "Assess an exam body (the JSON of POST /api/v1/assess; '-' reads stdin) and print the result."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="Path to a JSON request body, or '-' for standard input.")

    def handle(self, *args: Any, **options: Any) -> None:
        name = options["file"]
        try:
            text = sys.stdin.read() if name == "-" else Path(name).read_text(encoding="utf-8")
            raw = json.loads(text)
        except (OSError, UnicodeDecodeError, ValueError, RecursionError) as exc:
            raise CommandError(f"Cannot read {name} as JSON: {exc}") from exc
        try:
            payload = assessment_build(raw)
        except EngineInputError as exc:
            self.stderr.write(json.dumps(field_errors_nest(exc.errors), indent=2))
            raise CommandError(f"{name}: {len(exc.errors)} field error(s); see above.") from exc
        except (ProtocolNotFound, DatabaseError) as exc:
            raise CommandError(f"No released protocol to assess against ({exc}); run manage.py migrate.") from exc
        self.stdout.write(json.dumps(payload, indent=2, ensure_ascii=False))
