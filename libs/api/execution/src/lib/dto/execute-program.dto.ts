import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength } from 'class-validator';

/** The seed's 1 MB program limit; larger bodies are refused by the body parser with 413. */
export const MAX_PROGRAM_CHARS = 1024 * 1024;

export class ExecuteProgramDto {
  @ApiProperty({
    description: 'Chariot source text',
    example: 'logPrint("Starting test"); let x = 1 + 2; logPrint("Result is: " + x); logPrint("Test complete");',
    maxLength: MAX_PROGRAM_CHARS,
  })
  @IsString()
  @MaxLength(MAX_PROGRAM_CHARS)
  program!: string;
}
