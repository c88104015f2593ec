import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength, MinLength } from 'class-validator';

/** The seed's 1 MB program limit; larger bodies are refused by the body parser with 413. */
export const MAX_PROGRAM_CHARS = 1024 * 1024;
/** Longest file name an execution records (the files API allows 128 characters). */
export const MAX_RECORDED_FILE_NAME = 128;

export class ExecuteProgramDto {
  @ApiProperty({
    description: 'Chariot source text',
    example: 'logPrint("Starting test"); let x = 1 + 2; logPrint("Result is: " + x); logPrint("Test complete");',
    maxLength: MAX_PROGRAM_CHARS,
  })
  @IsString()
  @MaxLength(MAX_PROGRAM_CHARS)
  program!: string;

  @ApiPropertyOptional({
    description:
      'The saved file the program came from (GET /api/files/{name}), recorded with the execution and listed in its history as `file`; ' +
      'a record only: it is not checked against the files, which may be renamed or deleted later',
    example: 'hello.ch',
    maxLength: MAX_RECORDED_FILE_NAME,
  })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(MAX_RECORDED_FILE_NAME)
  file?: string;
}
