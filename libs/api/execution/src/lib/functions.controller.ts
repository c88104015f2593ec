import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiCookieAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { ApiEnvelope, FunctionCatalog } from '@chariot/contract';
import { BUILTIN_CATALOG, KEYWORDS } from '@chariot/language';
import { ok } from '@chariot/api-common';

const CATALOG: FunctionCatalog = {
  keywords: [...KEYWORDS],
  functions: BUILTIN_CATALOG.map((b) => ({
    name: b.name,
    category: b.category,
    minArgs: b.minArgs,
    maxArgs: b.maxArgs,
    doc: b.doc,
  })),
};

@ApiTags('language')
@ApiBearerAuth()
@ApiCookieAuth('chariot_token')
@Controller('functions')
export class FunctionsController {
  @Get()
  @ApiOperation({ summary: 'Keywords and builtin functions of the language (name, arity, category, doc)' })
  @ApiOkResponse({ description: '{result:"OK",data:{keywords,functions:[{name,category,minArgs,maxArgs,doc}]}}' })
  list(): ApiEnvelope<FunctionCatalog> {
    return ok(CATALOG);
  }
}
